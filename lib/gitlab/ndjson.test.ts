import { Readable } from "node:stream";
import v8 from "node:v8";
import vm from "node:vm";
import zlib from "node:zlib";
import { describe, expect, it } from "vitest";
import { SourceError } from "./errors";
import { NdjsonError, readNdjson, type NdjsonItem, type NdjsonOptions } from "./ndjson";

function chunks(data: Buffer, size: number): Buffer[] {
  const out: Buffer[] = [];
  for (let i = 0; i < data.length; i += size) out.push(data.subarray(i, i + size));
  return out;
}

async function collect(input: Readable, options?: NdjsonOptions): Promise<NdjsonItem[]> {
  const items: NdjsonItem[] = [];
  for await (const item of readNdjson(input, options)) items.push(item);
  return items;
}

async function failure(input: Readable, options?: NdjsonOptions): Promise<{ error: unknown; items: NdjsonItem[] }> {
  const items: NdjsonItem[] = [];
  try {
    for await (const item of readNdjson(input, options)) items.push(item);
  } catch (error) {
    return { error, items };
  }
  throw new Error("expected readNdjson to fail");
}

const plain = (text: string | Buffer, size = 64 * 1024) => Readable.from(chunks(Buffer.from(text), size));
const gzipped = (text: string | Buffer, size = 64 * 1024) => Readable.from(chunks(zlib.gzipSync(text), size));

describe("readNdjson", () => {
  it("reads gzipped NDJSON into numbered records", async () => {
    const items = await collect(gzipped('{"id":1}\n{"id":2}\n{"id":3}\n'));
    expect(items).toMatchObject([
      { line: 1, record: { id: 1 }, size: 8 },
      { line: 2, record: { id: 2 } },
      { line: 3, record: { id: 3 } },
    ]);
  });

  it("joins lines and multi-byte characters split across chunks, at every split point", async () => {
    const records = [{ title: "Étiquette – café" }, { title: "€ 😀 𝄞 日本語" }, { n: 3, s: "x".repeat(100) }];
    const text = records.map((r) => JSON.stringify(r)).join("\n") + "\n";
    expect(Buffer.byteLength(text)).toBeGreaterThan(text.length);
    for (const size of [1, 2, 3, 5, 7, 13, 64]) {
      const items = await collect(plain(text, size), { gzip: false });
      expect(items.map((i) => i.record)).toEqual(records);
      expect(items.every((i) => i.error === undefined)).toBe(true);
    }
    expect((await collect(gzipped(text, 1))).map((i) => i.record)).toEqual(records);
  });

  it("reports a line that is not JSON and goes on with the others", async () => {
    const items = await collect(gzipped('{"id":1}\n{"id":2,\nnot json\n{"id":4}\n'));
    expect(items.map((i) => i.line)).toEqual([1, 2, 3, 4]);
    expect(items[0]).toMatchObject({ line: 1, record: { id: 1 } });
    expect(items[1]?.error).toMatch(/JSON/);
    expect(items[2]?.error).toMatch(/JSON/);
    expect(items[3]).toMatchObject({ line: 4, record: { id: 4 } });
  });

  it("handles CRLF, empty lines, a byte-order mark and a missing final newline", async () => {
    const items = await collect(gzipped('\ufeff{"id":1}\r\n\r\n\n   \n{"id":"a\\r\\n"}\r\n{"id":3}'));
    expect(items).toMatchObject([
      { line: 1, record: { id: 1 } },
      { line: 5, record: { id: "a\r\n" } },
      { line: 6, record: { id: 3 } },
    ]);
  });

  it("reads an empty file as no records", async () => {
    expect(await collect(gzipped(""))).toEqual([]);
    expect(await collect(gzipped("\n\n"))).toEqual([]);
  });

  it("reports invalid UTF-8 as a bad line", async () => {
    const data = Buffer.concat([Buffer.from('{"a":"'), Buffer.from([0xc3, 0x28]), Buffer.from('"}\n{"a":"ok"}\n')]);
    const items = await collect(gzipped(data));
    expect(items).toEqual([
      { line: 1, size: 10, error: "invalid UTF-8" },
      { line: 2, size: 10, record: { a: "ok" } },
    ]);
  });

  it("throws on a truncated gzip stream", async () => {
    const full = zlib.gzipSync(Array.from({ length: 2000 }, (_, i) => JSON.stringify({ id: i })).join("\n"));
    const { error } = await failure(Readable.from([full.subarray(0, full.length - 20)]));
    expect(error).toBeInstanceOf(NdjsonError);
    expect((error as NdjsonError).kind).toBe("corrupt");
    expect((error as NdjsonError).message).toBe("The export file is truncated or is not valid gzip.");
  });

  it("throws on data that is not gzip", async () => {
    const { error } = await failure(plain('{"id":1}\n'));
    expect((error as NdjsonError).kind).toBe("corrupt");
  });

  it("throws past the decompressed size limit (a zip bomb)", async () => {
    const bomb = zlib.gzipSync(Buffer.from(`${JSON.stringify({ pad: "0".repeat(1000) })}\n`.repeat(5000)));
    expect(bomb.length).toBeLessThan(100_000);
    const { error, items } = await failure(Readable.from([bomb]), { maxBytes: 1_000_000 });
    expect((error as NdjsonError).kind).toBe("too_large");
    expect(items.length).toBeLessThan(1000);
  });

  it("accepts a line at exactly the limit, CRLF or not, and refuses one byte more", async () => {
    const exact = JSON.stringify({ s: "x".repeat(92) });
    expect(exact.length).toBe(100);
    const ok = await collect(gzipped(`${exact}\r\n${exact}\n${exact}`), { maxLineBytes: 100 });
    expect(ok).toHaveLength(3);
    const longer = JSON.stringify({ s: "x".repeat(93) });
    const { error, items } = await failure(gzipped(`${exact}\n${longer}\n${exact}\n`), { maxLineBytes: 100 });
    expect(error).toMatchObject({ kind: "line_too_long", line: 2 });
    expect(items).toHaveLength(1);
    const last = await failure(gzipped(`${exact}\n${longer}`, 7), { maxLineBytes: 100 });
    expect(last.error).toMatchObject({ kind: "line_too_long", line: 2 });
  });

  it("stops an endless line without reading the rest of the stream", async () => {
    let produced = 0;
    const endless = Readable.from(
      (function* () {
        for (;;) {
          produced++;
          yield Buffer.alloc(16 * 1024, 0x61);
        }
      })(),
    );
    const { error } = await failure(endless, { gzip: false, maxLineBytes: 1024 * 1024 });
    expect((error as NdjsonError).kind).toBe("line_too_long");
    expect(produced).toBeLessThan(100);
  });

  it("passes on the download's own failure as it is", async () => {
    const broken = new Readable({
      read() {
        this.push(zlib.gzipSync('{"id":1}\n').subarray(0, 10));
        this.destroy(new SourceError("unreachable", "The source instance could not be reached: the connection was reset.", { reason: "reset" }));
      },
    });
    const { error } = await failure(broken);
    expect(error).toBeInstanceOf(SourceError);
    expect((error as SourceError).reason).toBe("reset");
  });

  it("closes the input when the consumer stops early", async () => {
    const input = gzipped(Array.from({ length: 1000 }, (_, i) => JSON.stringify({ id: i })).join("\n"));
    for await (const item of readNdjson(input)) {
      expect(item.line).toBe(1);
      break;
    }
    expect(input.destroyed).toBe(true);
  });
});

describe("readNdjson memory", () => {
  it("streams 100 MB of gzipped NDJSON with flat memory", { timeout: 120_000 }, async () => {
    v8.setFlagsFromString("--expose-gc");
    const gc = vm.runInNewContext("gc") as () => void;
    const retained = () => {
      gc();
      const { heapUsed, arrayBuffers } = process.memoryUsage();
      return heapUsed + arrayBuffers;
    };

    const target = 100 * 1024 * 1024;
    const record = (i: number) => `${JSON.stringify({ id: i, title: `Issue ${i}`, description: "é".repeat(80) + "x".repeat(60) })}\n`;
    let produced = 0;
    const source = Readable.from(
      (function* () {
        let i = 0;
        while (produced < target) {
          let block = "";
          while (block.length < 64 * 1024) block += record(i++);
          const bytes = Buffer.from(block);
          produced += bytes.length;
          yield bytes;
        }
      })(),
    ).pipe(zlib.createGzip({ level: 1 }));

    const baseline = retained();
    let peak = 0;
    let count = 0;
    let lastLine = 0;
    for await (const item of readNdjson(source, { maxBytes: 200 * 1024 * 1024 })) {
      if (item.error !== undefined) throw new Error(`line ${item.line}: ${item.error}`);
      count++;
      lastLine = item.line;
      if (count % 50_000 === 0) peak = Math.max(peak, retained() - baseline);
    }

    expect(produced).toBeGreaterThanOrEqual(target);
    expect(count).toBe(lastLine);
    expect(count).toBeGreaterThan(300_000);
    // Holding the file (or even a tenth of it) would show here; a streaming reader keeps a chunk and a line.
    expect(peak).toBeLessThan(10 * 1024 * 1024);
  });

  it("gives up a run of blank lines past the limit, but not a file's trailing blank lines", async () => {
    const bomb = zlib.gzipSync(Buffer.concat([Buffer.from('{"a":1}\n'), Buffer.alloc(5_000_000, "\n")]));
    const { error, items } = await failure(Readable.from([bomb]), { maxBlankLines: 1000 });
    expect(error).toMatchObject({ kind: "blank_flood", line: 1002 });
    expect(items).toHaveLength(1);
    expect(await collect(Readable.from([zlib.gzipSync('{"a":1}\n\n\n')]), { maxBlankLines: 1000 })).toHaveLength(1);
  });

  it("gives up a download whose own processing passes the time budget, whatever its size", async () => {
    // 20 MB of tiny lines: well under any byte limit, yet each costs a split and a parse.
    const lines = Buffer.from("{}\n".repeat(7_000_000));
    const { error, items } = await failure(Readable.from(chunks(zlib.gzipSync(lines), 64 * 1024)), { maxBusyMs: 50 });
    expect(error).toBeInstanceOf(NdjsonError);
    expect(error).toMatchObject({ kind: "too_slow" });
    expect(items.length).toBeGreaterThan(0);
    expect(items.length).toBeLessThan(7_000_000);
  });

  it("does not count the consumer's time against the budget", async () => {
    const input = Readable.from([zlib.gzipSync('{"a":1}\n{"a":2}\n{"a":3}\n')]);
    const items: NdjsonItem[] = [];
    for await (const item of readNdjson(input, { maxBusyMs: 500 })) {
      items.push(item);
      await new Promise((r) => setTimeout(r, 200));
    }
    expect(items).toHaveLength(3);
  });
});
