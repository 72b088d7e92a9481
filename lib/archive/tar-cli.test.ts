import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { Readable } from "node:stream";
import zlib from "node:zlib";
import { afterAll, describe, expect, it } from "vitest";
import { readTar, readTarGz, type EntryType } from "./index";
import { collect, file, tarOf } from "./test-archives";

// Archives GNU tar writes (GitLab's FileExportService runs `tar -C dir -czf archive .`), and GNU tar reading ours.
const temp = fs.mkdtempSync(path.join(os.tmpdir(), "ferry-tar-"));
afterAll(() => fs.rmSync(temp, { recursive: true, force: true }));

const S1 = "72a497a02fe3ee09edae2ed06d390038";
const LONG_FILE = `meeting notes with a file name so long that it passes the hundred byte limit of a ustar name field, ${"x".repeat(30)}.txt`;
const LONG_DIRS = `${"deep-directory-".repeat(5)}a/${"deeper-directory-".repeat(5)}b/${"deepest-".repeat(8)}c`;
// Past 100 bytes but within ustar's 155-byte prefix and 100-byte name.
const USTAR_DIRS = `${"deep-directory-".repeat(5)}a/${"deeper-".repeat(8)}b`;
const notes = Buffer.from("Meeting notes\n".repeat(100));
const pixel = fs.readFileSync("test/fixtures/ferry/uploads/pixel.png");

/** A directory as a GitLab uploads folder looks, with names each format can hold. */
function tree(name: string, files: Record<string, Buffer>): string {
  const root = path.join(temp, name);
  for (const [relative, data] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(root, relative)), { recursive: true });
    fs.writeFileSync(path.join(root, relative), data);
  }
  return root;
}

async function listing(entries: AsyncIterable<{ path: string; type: EntryType; linkName: string; body: AsyncIterable<Buffer> }>) {
  const files = new Map<string, Buffer>();
  const others: [string, EntryType, string][] = [];
  for await (const entry of entries) {
    const data = await collect(entry.body);
    if (entry.type === "file") files.set(entry.path, data);
    else if (entry.type !== "directory") others.push([entry.path, entry.type, entry.linkName]);
  }
  return { files, others };
}

describe("archives written by GNU tar", () => {
  const everything = { [`${S1}/pixel.png`]: pixel, [`${S1}/${LONG_FILE}`]: notes, [`${LONG_DIRS}/n.txt`]: notes, [`${S1}/héllo wörld.txt`]: notes, [`${S1}/empty`]: Buffer.alloc(0) };
  const root = tree("gitlab", everything);
  fs.symlinkSync("/etc/passwd", path.join(root, S1, "link"));
  fs.linkSync(path.join(root, S1, "pixel.png"), path.join(root, S1, "hard.png"));
  execFileSync("mkfifo", [path.join(root, S1, "pipe")]);

  it.each(["gnu", "posix"])("reads `tar --format=%s -czf` of an uploads folder: long names, links and a fifo reported", async (format) => {
    const archive = path.join(temp, `gitlab-${format}.tar.gz`);
    execFileSync("tar", [`--format=${format}`, "-C", root, "-czf", archive, "."]);
    const { files, others } = await listing(readTarGz(fs.createReadStream(archive)));
    // Of the two names of one file, the first tar meets is stored, the other is a hard link to it.
    const [stored, linked] = files.has(`./${S1}/pixel.png`) ? ["pixel.png", "hard.png"] : ["hard.png", "pixel.png"];
    const expected = { ...everything, [`${S1}/${stored}`]: pixel };
    delete expected[`${S1}/${linked}`];
    expect([...files.keys()].sort()).toEqual(Object.keys(expected).map((name) => `./${name}`).sort());
    for (const [name, data] of Object.entries(expected)) expect(files.get(`./${name}`)!.equals(data), name).toBe(true);
    expect(others.sort()).toEqual([
      [`./${S1}/${linked}`, "hardlink", `./${S1}/${stored}`],
      [`./${S1}/link`, "symlink", "/etc/passwd"],
      [`./${S1}/pipe`, "fifo", ""],
    ].sort());
  });

  it("reads ustar (a long path split into prefix and name), oldgnu and v7 (no magic at all)", async () => {
    const ustar = { [`${S1}/pixel.png`]: pixel, [`${USTAR_DIRS}/n.txt`]: notes };
    const short = { [`${S1}/pixel.png`]: pixel, "a/notes.txt": notes };
    for (const [format, files] of [["ustar", ustar], ["oldgnu", everything], ["v7", short]] as const) {
      const dir = tree(`only-${format}`, files);
      const archive = execFileSync("tar", [`--format=${format}`, "-C", dir, "-cf", "-", "."], { maxBuffer: 64 * 1024 * 1024 });
      const read = await listing(readTar(Readable.from([archive])));
      expect([...read.files.keys()].sort(), format).toEqual(Object.keys(files).map((name) => `./${name}`).sort());
      for (const [name, data] of Object.entries(files)) expect(read.files.get(`./${name}`)!.equals(data), `${format} ${name}`).toBe(true);
    }
  });
});

describe("archives GNU tar reads", () => {
  it("extracts what writeTar writes, long and non-ASCII names included (ustar prefix, pax headers)", async () => {
    // Past 100 bytes, each goes either into ustar's prefix field or into a pax header.
    const names = [`${S1}/${LONG_FILE}`, `${LONG_DIRS}/n.txt`, `${USTAR_DIRS}/n.txt`, `${S1}/héllo wörld.txt`, `${"n".repeat(120)}/${"m".repeat(120)}/${"o".repeat(120)}.bin`];
    const archive = await tarOf([
      { name: S1, size: 0, type: "directory" },
      file(`${S1}/pixel.png`, pixel),
      ...names.map((name) => file(name, notes)),
      { name: `${S1}/link`, size: 0, type: "symlink", linkName: `${"../".repeat(40)}etc/passwd` },
    ]);
    const target = path.join(temp, "extracted");
    fs.mkdirSync(target);
    fs.writeFileSync(path.join(temp, "ours.tar.gz"), zlib.gzipSync(archive));
    execFileSync("tar", ["-C", target, "-xzf", path.join(temp, "ours.tar.gz")]);
    expect(fs.readFileSync(path.join(target, S1, "pixel.png")).equals(pixel)).toBe(true);
    for (const name of names) expect(fs.readFileSync(path.join(target, name)).equals(notes), name).toBe(true);
    expect(fs.readlinkSync(path.join(target, S1, "link"))).toBe(`${"../".repeat(40)}etc/passwd`);
  });
});
