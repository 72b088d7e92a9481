import { pipeline, Transform, type Readable, type TransformCallback } from "node:stream";
import zlib from "node:zlib";
import { ArchiveError } from "./archive-error";
import type { TarEntry } from "./tar-entry";
import { readTar, type ReadTarOptions } from "./tar-reader";

const GZIP_MAGIC = [0x1f, 0x8b];

/** Refuses a body that does not start as gzip does, before zlib reports it in its own words. */
function gzipMagic(): Transform {
  let seen: number[] = [];
  return new Transform({
    transform(chunk: Buffer, _encoding, callback: TransformCallback) {
      if (seen.length < GZIP_MAGIC.length) {
        seen = [...seen, ...chunk.subarray(0, GZIP_MAGIC.length - seen.length)];
        if (seen.some((byte, i) => byte !== GZIP_MAGIC[i])) return callback(new ArchiveError("not_gzip", "The file is not gzip-compressed."));
      }
      callback(null, chunk);
    },
  });
}

const isZlibError = (error: unknown) => {
  const code = error instanceof Error ? (error as Error & { code?: unknown }).code : undefined;
  return typeof code === "string" && code.startsWith("Z_");
};

/** The decompressed bytes; truncated or corrupt gzip becomes an ArchiveError, wherever the bytes are being read. */
async function* gunzipped(input: Readable): AsyncGenerator<Buffer> {
  // pipeline() carries a failure of the download into the stream read here, and tears all down if reading stops.
  const source = pipeline(input, gzipMagic(), zlib.createGunzip(), () => undefined);
  try {
    for await (const chunk of source) yield chunk as Buffer;
  } catch (error) {
    if (isZlibError(error)) throw new ArchiveError("corrupt", "The file is truncated or is not valid gzip.", { cause: error });
    throw error;
  } finally {
    if (!source.destroyed) source.destroy();
    if (!input.destroyed) input.destroy();
  }
}

/** A gzipped tar stream, entry by entry (see readTar). */
export async function* readTarGz(input: Readable, options: ReadTarOptions = {}): AsyncGenerator<TarEntry> {
  try {
    yield* readTar(gunzipped(input), options);
  } finally {
    // readTar leaves a read that is still pending to settle by itself; a stalled download would never settle it.
    if (!input.destroyed) input.destroy();
  }
}
