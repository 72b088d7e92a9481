import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { Readable } from "node:stream";
import zlib from "node:zlib";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { writeTar, type TarInput } from "@/lib/archive";
import { getDb, uploads } from "@/lib/db";
import { resolveUploadPath, uploadsRoot } from "@/lib/uploads";
import { importEntityFixture } from "@/test/helpers/import-entity";
import type { EntityContext, FileFailure } from "..";
import { importUploadsArchive, type ArchiveLimits } from "./uploads-archive";

const FIXTURES = "test/fixtures/ferry/uploads";
const PIXEL = fs.readFileSync(`${FIXTURES}/pixel.png`);
const NOTES = fs.readFileSync(`${FIXTURES}/notes.txt`);
const S1 = "72a497a02fe3ee09edae2ed06d390038";
const S2 = "0123456789abcdef0123456789abcdef";
const LIMITS: ArchiveLimits = { maxBytes: 10 * 1024 * 1024, maxFileBytes: 1024 * 1024, maxFiles: 100 };

const sha256 = (data: Buffer) => createHash("sha256").update(data).digest("hex");
const file = (name: string, data: Buffer): TarInput => ({ name, size: data.length, body: [data] });

async function targz(entries: TarInput[]): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of writeTar(entries)) chunks.push(chunk);
  return zlib.gzipSync(Buffer.concat(chunks));
}

const destination = () => importEntityFixture();

async function run(archive: Buffer, entity: EntityContext, limits = LIMITS) {
  const failures: FileFailure[] = [];
  const counts = await importUploadsArchive(Readable.from([archive]), entity, limits, async (failure) => void failures.push(failure));
  const rows = await getDb().select().from(uploads).where(eq(uploads.groupId, entity.groupId!)).orderBy(uploads.id);
  const messages = failures.map((f) => [f.position, f.title, f.error instanceof Error ? f.error.message : String(f.error)]);
  return { counts, rows, failures, messages };
}

const groupDir = (groupId: number) => path.join(uploadsRoot(), "group", String(groupId));
const filesUnder = (dir: string) => (fs.existsSync(dir) ? (fs.readdirSync(dir, { recursive: true }) as string[]).filter((f) => fs.statSync(path.join(dir, f)).isFile()).sort() : []);

describe("importing an uploads archive", () => {
  it("stores each <secret>/<filename> as an upload of the group, with size, hash and type, from GitLab's own tar format", async () => {
    const entity = await destination();
    const { counts, rows, failures } = await run(fs.readFileSync(`${FIXTURES}/gnu-uploads.tar.gz`), entity);
    // The avatar/ entry is the avatar pipeline's: not stored here, but counted, so that the counts match the source's.
    expect(failures).toEqual([]);
    expect(counts).toEqual({ fetched: 3, imported: 3 });
    const longName = "meeting notes with a rather long file name that passes the hundred byte ustar limit.txt";
    expect(rows.map((r) => [r.secret, r.filename, r.size, r.sha256, r.contentType, r.importKey, r.importEntityId])).toEqual([
      [S2, longName, NOTES.length, sha256(NOTES), "text/plain; charset=utf-8", `${S2}/${longName}`, entity.entityId],
      [S1, "pixel.png", PIXEL.length, sha256(PIXEL), "image/png", `${S1}/pixel.png`, entity.entityId],
    ]);
    expect(fs.readFileSync(resolveUploadPath(rows[1]!.storagePath)).equals(PIXEL)).toBe(true);
    expect(rows[1]!.storagePath).toBe(path.join("group", String(entity.groupId), S1, "pixel.png"));
  });

  it("refuses links, traversal, absolute paths, odd names and oversized files one by one, and imports the rest", async () => {
    const entity = await destination();
    const archive = await targz([
      file(`${S1}/first.png`, PIXEL),
      { name: `${S1}/link.png`, size: 0, type: "symlink", linkName: "/etc/passwd" },
      { name: `${S1}/hard.png`, size: 0, type: "hardlink", linkName: `${S1}/first.png` },
      file(`../${S1}/escape.txt`, NOTES),
      file(`${S1}/../../escape.txt`, NOTES),
      file(`/${S1}/absolute.txt`, NOTES),
      file(`${S1}/deeper/nested.txt`, NOTES),
      file("not-a-secret/file.txt", NOTES),
      file(`${S1}/${"n".repeat(300)}.txt`, NOTES),
      file(`${S1}/big.bin`, Buffer.alloc(2048, 1)),
      file(`${S2}/last.txt`, NOTES),
    ]);
    const { counts, rows, messages } = await run(archive, entity, { ...LIMITS, maxFileBytes: 1024 });
    expect(rows.map((r) => `${r.secret}/${r.filename}`)).toEqual([`${S1}/first.png`, `${S2}/last.txt`]);
    expect(counts).toEqual({ fetched: 11, imported: 2 });
    expect(messages).toEqual([
      [2, `${S1}/link.png`, `Symbolic links are not imported: ${S1}/link.png`],
      [3, `${S1}/hard.png`, `Hard links are not imported: ${S1}/hard.png`],
      [4, `../${S1}/escape.txt`, expect.stringMatching(/path traversal/)],
      [5, `${S1}/../../escape.txt`, expect.stringMatching(/path traversal/)],
      [6, `/${S1}/absolute.txt`, expect.stringMatching(/absolute path/)],
      [7, `${S1}/deeper/nested.txt`, expect.stringMatching(/Not an upload path/)],
      [8, "not-a-secret/file.txt", expect.stringMatching(/Not an upload path/)],
      [9, `${S1}/${"n".repeat(300)}.txt`, "The file name is longer than 255 bytes."],
      [10, `${S1}/big.bin`, `${S1}/big.bin is 2048 bytes, over the limit of 1024`],
    ]);
    // Nothing left the group's folder, and no half-written file stayed behind.
    expect(filesUnder(groupDir(entity.groupId!))).toEqual([path.join(S1, "first.png"), path.join(S2, "last.txt")].sort());
    expect(fs.existsSync(path.join(uploadsRoot(), "escape.txt"))).toBe(false);
  });

  it("stops at the file count and the archive size, with one failure for the archive, keeping what came before", async () => {
    const entity = await destination();
    const many = await targz([1, 2, 3, 4].map((i) => file(`${S1}/f${i}.txt`, NOTES)));
    const counted = await run(many, entity, { ...LIMITS, maxFiles: 3 });
    expect(counted.counts).toEqual({ fetched: 3, imported: 3 });
    expect(counted.messages).toEqual([[0, undefined, "The archive has more than 3 files; the rest are not imported"]]);

    const other = await destination();
    const bomb = await targz([file(`${S1}/small.txt`, NOTES), file(`${S1}/zeros.bin`, Buffer.alloc(64 * 1024))]);
    expect(bomb.length).toBeLessThan(2048);
    const sized = await run(bomb, other, { ...LIMITS, maxBytes: 16 * 1024 });
    expect(sized.rows.map((r) => r.filename)).toEqual(["small.txt"]);
    expect(sized.messages).toEqual([[0, undefined, expect.stringMatching(/larger than the limit of 16384 bytes/)]]);
    expect(filesUnder(groupDir(other.groupId!))).toEqual([path.join(S1, "small.txt")]);
  });

  it("refuses a download that is not gzip as one failure; a corrupt one throws, to be downloaded again", async () => {
    const entity = await destination();
    const notGzip = await run(Buffer.from("<html>oops</html>"), entity);
    expect(notGzip.messages).toEqual([[0, undefined, "The file is not gzip-compressed."]]);
    const archive = await targz([file(`${S1}/a.txt`, NOTES)]);
    await expect(run(archive.subarray(0, archive.length - 20), entity)).rejects.toMatchObject({ kind: "corrupt" });
  });

  it("imports nothing twice when replayed, even after a crash between the file and its row", async () => {
    const entity = await destination();
    const archive = await targz([file(`${S1}/pixel.png`, PIXEL), file(`${S2}/notes.txt`, NOTES), { name: `${S1}/evil`, size: 0, type: "symlink", linkName: "/" }]);
    const first = await run(archive, entity);
    expect(first.counts).toEqual({ fetched: 3, imported: 2 });

    // A crash after the file was renamed into place but before its row was written: the row is gone, the file stays.
    await getDb().delete(uploads).where(eq(uploads.id, first.rows[1]!.id));
    const again = await run(archive, entity);
    expect(again.counts).toEqual(first.counts);
    expect(again.rows.map((r) => [r.id === first.rows[0]!.id, r.filename, r.sha256])).toEqual([
      [true, "pixel.png", sha256(PIXEL)],
      [false, "notes.txt", sha256(NOTES)],
    ]);
    expect(filesUnder(groupDir(entity.groupId!))).toEqual([path.join(S2, "notes.txt"), path.join(S1, "pixel.png")].sort());
    const third = await run(archive, entity);
    expect(third.counts).toEqual(first.counts);
    expect(third.rows.map((r) => r.id)).toEqual(again.rows.map((r) => r.id));
  });

  it("leaves an upload of the same name that the group got otherwise alone, as a failure", async () => {
    const entity = await destination();
    await getDb().insert(uploads).values({ groupId: entity.groupId!, secret: S1, filename: "pixel.png", storagePath: "elsewhere", size: 1, sha256: "0" });
    const { counts, messages, rows } = await run(await targz([file(`${S1}/pixel.png`, PIXEL)]), entity);
    expect(counts).toEqual({ fetched: 1, imported: 0 });
    expect(messages).toEqual([[1, `${S1}/pixel.png`, `The group already has an upload ${S1}/pixel.png`]]);
    expect(rows.map((r) => r.storagePath)).toEqual(["elsewhere"]);
  });
});
