import { Readable } from "node:stream";

/**
 * Reads a download into memory up to `maxBytes`, then gives a stream of the same bytes: what was read, then the
 * rest as it comes. A batch job reads its (compressed) batch file ahead like this while it waits for a load slot, so
 * the waiting costs a few hundred kilobytes of Buffers rather than a parsed chunk of objects. A failure of the
 * download while reading ahead comes out of the stream after the bytes read before it, where the reader would have
 * met it anyway; destroying the stream destroys the download.
 */
export async function downloadAhead(body: Readable, maxBytes: number): Promise<Readable> {
  const iterator = body[Symbol.asyncIterator]() as AsyncIterator<Buffer>;
  const read: Buffer[] = [];
  let bytes = 0;
  let done = false;
  let failure: { error: unknown } | undefined;
  try {
    while (bytes < maxBytes) {
      const next = await iterator.next();
      if (next.done) {
        done = true;
        break;
      }
      read.push(next.value);
      bytes += next.value.length;
    }
  } catch (error) {
    failure = { error };
  }
  async function* replay(): AsyncGenerator<Buffer> {
    try {
      yield* read.splice(0);
      if (failure) throw failure.error;
      while (!done) {
        const next = await iterator.next();
        if (next.done) done = true;
        else yield next.value;
      }
    } finally {
      if (!done && !failure) body.destroy();
    }
  }
  return Readable.from(replay(), { objectMode: false });
}
