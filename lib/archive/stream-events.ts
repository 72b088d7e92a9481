import type { Extract, Pack } from "tar-stream";

/** The streams tar-stream hands out that are written to (streamx writables, not Node's). */
export type TarWritable = Extract | ReturnType<Pack["entry"]>;

export const CLOSED = Symbol("closed");

/** Settles when the stream closes (ended, failed or destroyed); streamx streams emit `close` exactly once. */
export function closed(stream: TarWritable): Promise<typeof CLOSED> {
  return new Promise((resolve) => stream.once("close", () => resolve(CLOSED)));
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
