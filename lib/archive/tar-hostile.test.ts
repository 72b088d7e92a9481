import { describe, expect, it } from "vitest";
import { ArchiveError, readTar, safeRelativePath, writeTar } from "./index";
import { collect, entriesOf, file, packOf, patchHeader, tarOf } from "./test-archives";

const data = Buffer.from("hostile\n");
const TYPEFLAG = 156;
const SIZE = 124;
const MODE = 100;
const MTIME = 136;

/** One plain file, then a second entry whose header is at byte 1024 (8 bytes of data pad to one block). */
const twoFiles = () => tarOf([file("a/first", data), file("a/second", data)]);

describe("hostile archives", () => {
  it("reports devices, fifos, contiguous and unknown types as such, for the caller to refuse", async () => {
    const types: [string, string][] = [["3", "character-device"], ["4", "block-device"], ["6", "fifo"], ["7", "file"], ["S", "other"], ["Z", "other"]];
    for (const [flag, type] of types) {
      const archive = patchHeader(await tarOf([file("s/odd", Buffer.alloc(0)), file("s/ok", data)]), 0, [{ at: TYPEFLAG, bytes: flag }]);
      const entries = await entriesOf([archive]);
      expect(entries.map((e) => [e.path, e.type]), flag).toEqual([["s/odd", type], ["s/ok", "file"]]);
    }
  });

  it("reports traversal, absolute and odd names verbatim, from plain, pax and GNU long-name headers alike", async () => {
    const names = ["/etc/passwd", "../escape", "a/../../escape", "C:/x", "a\\..\\x", `${"../".repeat(50)}etc/passwd`, "ok/héllo\nwörld"];
    const archive = await packOf(names.map((name) => ({ header: { name, size: data.length }, data })));
    const entries = await entriesOf([archive]);
    expect(entries.map((e) => e.path)).toEqual(names);
    expect(entries.map((e) => safeRelativePath(e.path))).toEqual(names.map(() => null));

    // A NUL ends a header's name field; only a pax record can carry one through.
    const nul = await packOf([{ header: { name: "x", size: data.length, pax: { path: "a/\u0000b" } }, data }]);
    expect((await entriesOf([nul])).map((e) => [e.path, safeRelativePath(e.path)])).toEqual([["a/\u0000b", null]]);

    // A GNU long name (type L) as GNU tar writes for names past 100 bytes.
    const long = `${"../".repeat(40)}etc/passwd`;
    const gnu = Buffer.concat([
      patchHeader(await tarOf([file("././@LongLink", Buffer.from(`${long}\0`))]), 0, [{ at: TYPEFLAG, bytes: "L" }]).subarray(0, 1024),
      await tarOf([file("short", data)]),
    ]);
    expect((await entriesOf([gnu])).map((e) => [e.path, e.index])).toEqual([[long, 1]]);
  });

  it("reads no data after a directory, whatever its size field says, and hands it an empty body", async () => {
    const archive = patchHeader(await tarOf([{ name: "d", size: 0, type: "directory" }, file("d/next", data)]), 0, [{ at: SIZE, bytes: "00000001000\0" }]);
    const entries = await entriesOf([archive]);
    expect(entries.map((e) => [e.path, e.type, e.size, e.data.length])).toEqual([["d", "directory", 0, 0], ["d/next", "file", data.length, data.length]]);
  });

  it("frames link, device and fifo entries with a size as GNU tar does, and refuses a hard link with data", async () => {
    const archive = await twoFiles();
    for (const [flag, type] of [["2", "symlink"], ["3", "character-device"], ["6", "fifo"]]) {
      const entries = await entriesOf([patchHeader(archive, 0, [{ at: TYPEFLAG, bytes: flag! }])]);
      expect(entries.map((e) => [e.path, e.type]), flag).toEqual([["a/first", type], ["a/second", "file"]]);
    }
    await expect(entriesOf([patchHeader(archive, 0, [{ at: TYPEFLAG, bytes: "1" }])])).rejects.toMatchObject({ kind: "corrupt", message: expect.stringMatching(/hard link/) });
  });

  it("takes a file named with a trailing slash for a directory (pre-POSIX), its data skipped", async () => {
    for (const flag of ["0", "\0", "7"]) {
      const archive = patchHeader(await twoFiles(), 0, [{ at: 0, bytes: "a/dir/\0" }, { at: TYPEFLAG, bytes: flag }]);
      const entries = await entriesOf([archive]);
      expect(entries.map((e) => [e.path, e.type, e.size, e.data.length]), flag).toEqual([["a/dir/", "directory", 0, 0], ["a/second", "file", data.length, data.length]]);
    }
  });

  it("refuses sizes tar-stream would misread: negative, unreadable or beyond 2^53, in the header or a pax record", async () => {
    const archive = await twoFiles();
    const negative = (last: number) => Buffer.from([...Array(11).fill(0xff), last]);
    const sizes = [negative(0xff), negative(0xf0), Buffer.from([0x81, ...Array(11).fill(0)]), Buffer.from([0x80, ...Array(11).fill(0xff)]), "zzzzzzzzzzz\0"];
    for (const size of sizes) {
      await expect(entriesOf([patchHeader(archive, 1024, [{ at: SIZE, bytes: size }])])).rejects.toMatchObject({ kind: "corrupt", message: expect.stringMatching(/size/) });
    }
    for (const size of ["12abc", "-1", "1e3", "99999999999999999999", "0x10"]) {
      const pax = await packOf([{ header: { name: "p", size: data.length, pax: { size } }, data }]);
      await expect(entriesOf([pax])).rejects.toMatchObject({ kind: "corrupt", message: expect.stringMatching(/size/) });
    }
    await expect(entriesOf([patchHeader(archive, 1024, [{ at: MODE, bytes: "zzzzzzz\0" }])])).rejects.toThrow(/invalid mode/);
    await expect(entriesOf([patchHeader(archive, 1024, [{ at: MTIME, bytes: negative(0xf0) }])])).rejects.toThrow(/negative mtime/);
  });

  it("refuses metadata headers too large to be honest, before buffering them", async () => {
    const huge = await packOf([{ header: { name: "p", size: data.length, pax: { comment: "x".repeat(5 * 1024 * 1024) } }, data }]);
    await expect(entriesOf([huge])).rejects.toMatchObject({ kind: "corrupt", message: expect.stringMatching(/oversized metadata/) });
  });

  it("counts metadata and padding against the size limit, in any chunking", async () => {
    const long = `${"d".repeat(200)}/${"n".repeat(200)}`;
    const archive = await tarOf([file(long, data)]);
    await expect(entriesOf([archive], { maxBytes: 1024 })).rejects.toMatchObject({ kind: "too_large" });
    expect(await entriesOf([archive], { maxBytes: archive.length })).toHaveLength(1);
    const chunks = async function* () { for (let i = 0; i < archive.length; i += 100) yield archive.subarray(i, i + 100); };
    await expect(entriesOf(chunks(), { maxBytes: archive.length - 1 })).rejects.toBeInstanceOf(ArchiveError);
  });

  it("refuses an archive cut inside a metadata header or a header block", async () => {
    const archive = await tarOf([file(`${"n".repeat(300)}`, data)]);
    await expect(entriesOf([archive.subarray(0, 700)])).rejects.toMatchObject({ kind: "corrupt", message: "The archive is truncated." });
    await expect(entriesOf([archive.subarray(0, 200)])).rejects.toMatchObject({ kind: "corrupt", message: "The archive is truncated." });
  });
});

describe("streaming", () => {
  /** `count` chunks of `size` bytes, counting how many were taken and whether the source was closed. */
  function source(archive: Buffer, size: number) {
    const state = { taken: 0, closed: false };
    async function* chunks() {
      try {
        for (let i = 0; i < archive.length; i += size) {
          state.taken += 1;
          yield archive.subarray(i, i + size);
        }
      } finally {
        state.closed = true;
      }
    }
    return { state, chunks: chunks() };
  }

  it("reads the input only as entries and bodies are read, and closes it when the caller stops", async () => {
    const archive = await tarOf([file("a/big", Buffer.alloc(1024 * 1024, 1)), file("a/after", data)]);
    const { state, chunks } = source(archive, 1024);
    for await (const entry of readTar(chunks)) {
      expect(entry.path).toBe("a/big");
      // Up to tar-stream's 16 KiB of read-ahead into the entry, not the megabyte.
      expect(state.taken).toBeLessThan(40);
      break;
    }
    expect(state.closed).toBe(true);
    expect(state.taken).toBeLessThan(40);
  });

  it("fails a body read late, after the archive failed, with the archive's error", async () => {
    const archive = await tarOf([file("a/late", Buffer.alloc(4096, 1))]);
    const read = async (input: Buffer[], options?: { maxBytes: number }) => {
      for await (const entry of readTar(input, options)) {
        // The caller prepares its file first (as storeUploadFile does): the failure happens meanwhile.
        await new Promise((resolve) => setTimeout(resolve, 20));
        await collect(entry.body);
      }
    };
    await expect(read([archive.subarray(0, 1024)])).rejects.toMatchObject({ kind: "corrupt", message: "The archive is truncated." });
    await expect(read([archive.subarray(0, 1024), archive.subarray(1024)], { maxBytes: 2048 })).rejects.toMatchObject({ kind: "too_large" });
  });

  it("writes each body as the output is read, and closes it when the reader stops", async () => {
    const state = { taken: 0, closed: false };
    async function* body() {
      try {
        for (let i = 0; i < 1024; i += 1) {
          state.taken += 1;
          yield Buffer.alloc(1024, 2);
        }
      } finally {
        state.closed = true;
      }
    }
    const output = writeTar([{ name: "big", size: 1024 * 1024, body: body() }, file("after", data)]);
    const first = await output.next();
    expect(first.done).toBe(false);
    expect(state.taken).toBeLessThan(80);
    await output.return(undefined);
    expect(state.closed).toBe(true);

    // Read whole, the same input makes a whole archive.
    state.taken = 0;
    const whole = await collect(writeTar([{ name: "big", size: 1024 * 1024, body: body() }]));
    expect(state.taken).toBe(1024);
    expect(whole.length).toBe(512 + 1024 * 1024 + 1024);
  });
});
