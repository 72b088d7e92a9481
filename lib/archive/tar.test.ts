import fs from "node:fs";
import { Readable } from "node:stream";
import zlib from "node:zlib";
import { describe, expect, it } from "vitest";
import { ArchiveError, readTar, readTarGz, safeRelativePath, writeTar, type TarInput } from "./index";

const FIXTURES = "test/fixtures/ferry/uploads";
const pixel = fs.readFileSync(`${FIXTURES}/pixel.png`);
const notes = fs.readFileSync(`${FIXTURES}/notes.txt`);

async function collect(chunks: AsyncIterable<Buffer>): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const chunk of chunks) parts.push(chunk);
  return Buffer.concat(parts);
}

const tarOf = (entries: TarInput[]) => collect(writeTar(entries));
const file = (name: string, data: Buffer): TarInput => ({ name, size: data.length, body: [data] });

/** Every entry with its data read whole. */
async function entriesOf(input: AsyncIterable<Buffer> | Buffer[]) {
  const out: { path: string; type: string; data: Buffer; index: number }[] = [];
  for await (const entry of readTar(input)) out.push({ path: entry.path, type: entry.type, index: entry.index, data: await collect(entry.body) });
  return out;
}

/** The bytes in chunks of `size`, so that headers and bodies straddle chunk boundaries. */
function* chunked(buffer: Buffer, size: number): Generator<Buffer> {
  for (let i = 0; i < buffer.length; i += size) yield buffer.subarray(i, i + size);
}

describe("tar", () => {
  it("reads what GNU tar writes the way GitLab exports uploads (tar -cf -C dir ., gzip), long names included", async () => {
    const entries: { path: string; type: string; data: Buffer }[] = [];
    for await (const entry of readTarGz(fs.createReadStream(`${FIXTURES}/gnu-uploads.tar.gz`))) entries.push({ path: entry.path, type: entry.type, data: await collect(entry.body) });
    const files = entries.filter((e) => e.type === "file");
    expect(entries.filter((e) => e.type === "directory").map((e) => e.path)).toEqual(["./", "./0123456789abcdef0123456789abcdef/", "./72a497a02fe3ee09edae2ed06d390038/", "./avatar/"]);
    expect(files.map((e) => e.path)).toEqual([
      "./0123456789abcdef0123456789abcdef/meeting notes with a rather long file name that passes the hundred byte ustar limit.txt",
      "./72a497a02fe3ee09edae2ed06d390038/pixel.png",
      "./avatar/logo.png",
    ]);
    expect(files[0]!.data.equals(notes)).toBe(true);
    expect(files[1]!.data.equals(pixel)).toBe(true);
  });

  it("round-trips through its writer: pax headers for long and non-ASCII names, any chunking", async () => {
    const long = `${"d".repeat(32)}/${"very long name ".repeat(12)}.png`;
    const archive = await tarOf([file(long, pixel), file("abc/héllo wörld.txt", notes), file("abc/empty", Buffer.alloc(0)), { name: "abc/sub", size: 0, type: "directory" }]);
    expect(archive.length % 512).toBe(0);
    for (const size of [1, 7, 511, 512, 513, 100_000]) {
      const entries = await entriesOf([...chunked(archive, size)]);
      expect(entries.map((e) => [e.path, e.type, e.data.length, e.index])).toEqual([
        [long, "file", pixel.length, 1],
        ["abc/héllo wörld.txt", "file", notes.length, 2],
        ["abc/empty", "file", 0, 3],
        ["abc/sub", "directory", 0, 4],
      ]);
      expect(entries[0]!.data.equals(pixel)).toBe(true);
    }
  });

  it("skips what a caller does not read, wholly or in part", async () => {
    const big = Buffer.alloc(5000, 7);
    const archive = await tarOf([file("a/big", big), file("a/small", notes)]);
    const seen: string[] = [];
    for await (const entry of readTar(chunked(archive, 100))) {
      seen.push(entry.path);
      if (entry.path === "a/big") {
        for await (const chunk of entry.body) {
          expect(chunk.length).toBeGreaterThan(0);
          break;
        }
      } else {
        expect((await collect(entry.body)).equals(notes)).toBe(true);
      }
    }
    expect(seen).toEqual(["a/big", "a/small"]);
  });

  it("reports links and other types for the caller to refuse", async () => {
    const archive = await tarOf([
      { name: "s/evil", size: 0, type: "symlink", linkName: "/etc/passwd" },
      { name: "s/hard", size: 0, type: "hardlink", linkName: "s/evil" },
      file("s/ok", notes),
    ]);
    const entries = await entriesOf([archive]);
    expect(entries.map((e) => [e.path, e.type])).toEqual([["s/evil", "symlink"], ["s/hard", "hardlink"], ["s/ok", "file"]]);
  });

  it("refuses damaged archives and stops at the size limit", async () => {
    const archive = await tarOf([file("a/b", notes)]);
    const badChecksum = Buffer.from(archive);
    badChecksum[10] = 0x41;
    await expect(entriesOf([badChecksum])).rejects.toThrow(/checksum/);
    await expect(entriesOf([archive.subarray(0, 600)])).rejects.toThrow(/truncated/);
    await expect(entriesOf([Buffer.from("not a tar file at all".padEnd(512, " "))])).rejects.toBeInstanceOf(ArchiveError);
    const big = await tarOf([file("a/big", Buffer.alloc(10_000))]);
    await expect(collect((async function* () { for await (const e of readTar([big], { maxBytes: 4096 })) yield* e.body; })())).rejects.toMatchObject({ kind: "too_large" });
  });

  it("refuses a body that is not gzip, or gzip cut short", async () => {
    const archive = await tarOf([file("a/b", notes)]);
    const read = async (bytes: Buffer) => {
      for await (const entry of readTarGz(Readable.from([bytes]))) await collect(entry.body);
    };
    await expect(read(archive)).rejects.toMatchObject({ kind: "not_gzip" });
    const gz = zlib.gzipSync(archive);
    await expect(read(gz.subarray(0, gz.length - 12))).rejects.toMatchObject({ kind: "corrupt" });
    await expect(read(gz)).resolves.toBeUndefined();
  });

  it("refuses a body longer or shorter than announced when writing", async () => {
    await expect(tarOf([{ name: "x", size: 3, body: [Buffer.from("four")] }])).rejects.toThrow(/larger/);
    await expect(tarOf([{ name: "x", size: 5, body: [Buffer.from("four")] }])).rejects.toThrow(/not the 5/);
  });
});

describe("safeRelativePath", () => {
  it("accepts plain relative paths, dropping ./ and empty segments", () => {
    expect(safeRelativePath("./abc/def.png")).toEqual(["abc", "def.png"]);
    expect(safeRelativePath("abc//./def.png")).toEqual(["abc", "def.png"]);
  });

  it.each(["", "./", "/etc/passwd", "../x", "a/../../x", "a/..", "C:/x", "a\\..\\x", "a/b\u0000c", "a/\nb"])("refuses %j", (name) => {
    expect(safeRelativePath(name)).toBeNull();
  });
});
