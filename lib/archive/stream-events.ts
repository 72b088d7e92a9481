import type { Extract, Pack } from "tar-stream";

/** The streams tar-stream hands out that are written to (streamx writables, not Node's). */
export type TarWritable = Extract | ReturnType<Pack["entry"]>;

export const CLOSED = Symbol("closed");

/**
 * The next value of `input`, or CLOSED if `stream` closes first (or has closed). Unlike a Promise.race with one
 * promise of the close kept for the whole stream, which holds every value it ever raced until the stream closes (each
 * race leaves a reaction on the pending close that references its own settled promise), nothing outlives the call.
 */
export function nextOrClosed<T>(input: AsyncIterator<T>, stream: TarWritable): Promise<IteratorResult<T> | typeof CLOSED> {
  if (stream.destroyed) return Promise.resolve(CLOSED);
  return new Promise((resolve, reject) => {
    const onClose = () => resolve(CLOSED);
    stream.once("close", onClose);
    input.next().then(
      (next) => {
        stream.off("close", onClose);
        resolve(next);
      },
      (error: unknown) => {
        stream.off("close", onClose);
        reject(error);
      },
    );
  });
}

/** True once a writable that refused more (write() returned false) takes more again; false if it closed first. */
export function drained(stream: TarWritable): Promise<boolean> {
  if (stream.destroyed) return Promise.resolve(false);
  return new Promise((resolve) => {
    const settle = (wants: boolean) => () => {
      stream.off("drain", onDrain);
      stream.off("close", onClose);
      resolve(wants);
    };
    const onDrain = settle(true);
    const onClose = settle(false);
    stream.on("drain", onDrain);
    stream.on("close", onClose);
  });
}
