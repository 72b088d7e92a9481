// Test-only helpers for lib/archive's tests: archives written by hand, by tar-stream, or damaged on purpose.
import { pack as tarPack, type Header } from "tar-stream";
import { readTar, writeTar, type ReadTarOptions, type TarInput } from "./index";

export async function collect(chunks: AsyncIterable<Buffer>): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const chunk of chunks) parts.push(chunk);
  return Buffer.concat(parts);
}

export const tarOf = (entries: TarInput[]) => collect(writeTar(entries));
export const file = (name: string, data: Buffer): TarInput => ({ name, size: data.length, body: [data] });

/** Every entry with its data read whole. */
export async function entriesOf(input: AsyncIterable<Buffer> | Buffer[], options?: ReadTarOptions) {
  const out: { path: string; type: string; size: number; linkName: string; data: Buffer; index: number }[] = [];
  for await (const entry of readTar(input, options)) {
    const { path, type, size, linkName, index } = entry;
    out.push({ path, type, size, linkName, index, data: await collect(entry.body) });
  }
  return out;
}

/** An archive as tar-stream writes it, with header fields writeTar never writes (pax records of our choosing). */
export async function packOf(entries: { header: Partial<Header> & Pick<Header, "name">; data?: Buffer }[]): Promise<Buffer> {
  const pack = tarPack();
  for (const { header, data } of entries) pack.entry(header, data ?? Buffer.alloc(0));
  pack.finalize();
  return collect(pack as AsyncIterable<Buffer>);
}

/** The archive with bytes of the header block at `block` (a byte offset) replaced, and its checksum made right. */
export function patchHeader(archive: Buffer, block: number, edits: { at: number; bytes: Buffer | string }[]): Buffer {
  const out = Buffer.from(archive);
  const header = out.subarray(block, block + 512);
  for (const { at, bytes } of edits) (typeof bytes === "string" ? Buffer.from(bytes, "latin1") : bytes).copy(header, at);
  header.fill(0x20, 148, 156);
  let sum = 0;
  for (const byte of header) sum += byte;
  header.write(`${sum.toString(8).padStart(6, "0")}\0 `, 148, 8, "latin1");
  return out;
}

/** The bytes in chunks of `size`, so that headers and bodies straddle chunk boundaries. */
export function* chunked(buffer: Buffer, size: number): Generator<Buffer> {
  for (let i = 0; i < buffer.length; i += size) yield buffer.subarray(i, i + size);
}
