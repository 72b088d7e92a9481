import type { Readable } from "node:stream";

// Up to this many bytes are read from git while the client takes the last ones: git keeps packing while the socket
// drains, instead of waiting for each chunk to be sent before the next is asked for. Bounded, so memory stays flat
// whatever the pack.
const READ_AHEAD_BYTES = 1024 * 1024;

/**
 * Git's answer as a Response body, pulled: git is read only as fast as the client takes the bytes (plus a bounded
 * read-ahead), so a pack never piles up in memory, whatever its size. `onChunk` sees each chunk as it passes; `onEnd`
 * runs once git has finished and before the response ends. When the client goes away the stream is cancelled, which
 * stops git.
 */
export function webStreamOf(body: Readable, hooks: { onChunk?: (chunk: Uint8Array) => void; onEnd?: () => Promise<void> } = {}): ReadableStream<Uint8Array> {
  const chunks = body[Symbol.asyncIterator]() as AsyncIterator<Uint8Array>;
  const source: UnderlyingDefaultSource<Uint8Array> = {
    async pull(controller) {
      let next: IteratorResult<Uint8Array>;
      try {
        next = await chunks.next();
      } catch (error) {
        // Git failed mid-answer: the response breaks off and the client reports a broken transfer, never a short one.
        controller.error(error);
        return;
      }
      if (next.done) {
        await hooks.onEnd?.();
        controller.close();
        return;
      }
      hooks.onChunk?.(next.value);
      controller.enqueue(next.value);
    },
    async cancel() {
      await chunks.return?.();
      body.destroy();
    },
  };
  return new ReadableStream<Uint8Array>(source, new ByteLengthQueuingStrategy({ highWaterMark: READ_AHEAD_BYTES }));
}
