import { BLOCK, encodeHeader, fitsUstar, paddedSize, paxRecord } from "./tar-header";

export interface TarInput {
  name: string;
  /** Bytes the body will yield; an archive entry's size is written before its data. */
  size: number;
  /** Default "file". Links and directories have no body. */
  type?: "file" | "directory" | "symlink" | "hardlink";
  linkName?: string;
  mtime?: Date;
  mode?: number;
  body?: AsyncIterable<Buffer | Uint8Array> | Iterable<Buffer | Uint8Array>;
}

const FLAGS = { file: "0", directory: "5", symlink: "2", hardlink: "1" } as const;
const END_OF_ARCHIVE = Buffer.alloc(2 * BLOCK);

/** A pax header carrying what the ustar header cannot: long or non-ASCII names, sizes of 8 GiB and more. */
function paxHeader(input: TarInput, mtime: number): Buffer[] {
  const records = [paxRecord("path", input.name)];
  if (input.linkName) records.push(paxRecord("linkpath", input.linkName));
  if (input.size >= 8 ** 11) records.push(paxRecord("size", String(input.size)));
  const data = Buffer.from(records.join(""), "utf8");
  const header = encodeHeader({ name: `PaxHeader/${input.name.replace(/[^\x20-\x7e]/g, "_").slice(-80)}`, size: data.length, mode: 0o644, mtime, typeflag: "x" });
  return [header, data, Buffer.alloc(paddedSize(data.length) - data.length)];
}

/**
 * Writes a tar stream (POSIX ustar, with pax headers where needed) from entries whose bodies are read one after the
 * other: only one chunk is held at a time. A body that yields more or fewer bytes than announced is an error (the
 * file changed while it was archived), since the header with its size has already been sent.
 */
export async function* writeTar(entries: AsyncIterable<TarInput> | Iterable<TarInput>): AsyncGenerator<Buffer> {
  for await (const input of entries) {
    const type = input.type ?? "file";
    const size = type === "file" ? input.size : 0;
    const mtime = Math.floor((input.mtime ?? new Date()).getTime() / 1000);
    if (!fitsUstar({ ...input, size })) yield* paxHeader({ ...input, size }, mtime);
    yield encodeHeader({ name: input.name, size, mode: input.mode ?? (type === "directory" ? 0o755 : 0o644), mtime, typeflag: FLAGS[type], linkName: input.linkName });
    if (type !== "file") continue;
    let written = 0;
    for await (const chunk of input.body ?? []) {
      const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
      written += buffer.length;
      if (written > size) throw new Error(`${input.name} is larger than the ${size} bytes announced`);
      yield buffer;
    }
    if (written !== size) throw new Error(`${input.name} has ${written} bytes, not the ${size} announced`);
    if (paddedSize(size) > size) yield Buffer.alloc(paddedSize(size) - size);
  }
  yield END_OF_ARCHIVE;
}
