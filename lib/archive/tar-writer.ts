import { pack as tarPack, type Header, type Pack } from "tar-stream";
import { drained } from "./stream-events";

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

const TYPES = { file: "file", directory: "directory", symlink: "symlink", hardlink: "link" } as const;
// tar-stream writes mtime as a signed 32-bit count of seconds: anything outside would come out as garbage.
const MAX_MTIME = 2 ** 31 - 1;

function headerOf(input: TarInput): Partial<Header> & Pick<Header, "name" | "size" | "type"> {
  const type = input.type ?? "file";
  const seconds = Math.floor((input.mtime ?? new Date()).getTime() / 1000);
  return {
    name: input.name,
    type: TYPES[type],
    // tar-stream pads data after any header that has a size: links and directories have none.
    size: type === "file" ? input.size : 0,
    mode: input.mode ?? (type === "directory" ? 0o755 : 0o644),
    mtime: new Date(Math.max(0, Math.min(seconds, MAX_MTIME)) * 1000),
    linkname: input.linkName,
  };
}

class Stopped extends Error {}

/** One entry into the pack, its body written as the pack's reader takes it (one chunk waiting at most). */
async function writeEntry(pack: Pack, input: TarInput): Promise<void> {
  const header = headerOf(input);
  const size = header.size;
  const sink = pack.entry(header);
  // A sink fails only when the pack does, and the pack's reader hears of that.
  sink.on("error", () => undefined);
  let written = 0;
  if (header.type === "file") {
    for await (const chunk of input.body ?? []) {
      const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
      written += buffer.length;
      // The header with its size is already out: checked before the bytes go, so the archive is never misframed.
      if (written > size) throw new Error(`${input.name} is larger than the ${size} bytes announced`);
      if (!sink.write(buffer) && !(await drained(sink))) throw new Stopped();
    }
  }
  if (written !== size) throw new Error(`${input.name} has ${written} bytes, not the ${size} announced`);
  sink.end(null);
}

async function fill(pack: Pack, entries: AsyncIterable<TarInput> | Iterable<TarInput>): Promise<void> {
  try {
    for await (const input of entries) await writeEntry(pack, input);
    pack.finalize();
  } catch (error) {
    // After the reader stopped, pack.entry() and the sinks fail too: nobody is left to tell.
    pack.destroy(error instanceof Stopped ? null : (error as Error));
  }
}

/**
 * Writes a tar stream (ustar, with pax headers where names need them, by tar-stream) from entries whose bodies are
 * read one after the other as the output is read: only a chunk or so is held at a time. A body that yields more or
 * fewer bytes than announced is an error (the file changed while it was archived), since the header with its
 * size has already been sent.
 */
export async function* writeTar(entries: AsyncIterable<TarInput> | Iterable<TarInput>): AsyncGenerator<Buffer> {
  const pack = tarPack();
  const filling = fill(pack, entries);
  try {
    for await (const chunk of pack) yield chunk as Buffer;
  } finally {
    // Stopped early: the entries and the body being read are closed before this returns (files, database cursors).
    pack.destroy(null);
    await filling;
  }
}
