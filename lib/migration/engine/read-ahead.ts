/**
 * Reads an async iterable ahead of its consumer, up to `maxItems` items or `maxBytes` of them (by `sizeOf`): while the
 * consumer waits on the database with one chunk, the next chunk is downloaded, decompressed and parsed. Bounded, so
 * a fast source never fills memory; at least one item is always taken, however large. An error of the source comes
 * after the items read before it, as it would without read-ahead. `stop` ends the source when the consumer stops early.
 */
export async function* readAhead<T>(
  source: AsyncIterable<T>,
  options: { maxItems: number; maxBytes: number; sizeOf: (item: T) => number; stop: () => void },
): AsyncGenerator<T, void, undefined> {
  const iterator = source[Symbol.asyncIterator]();
  const buffer: { item: T; size: number }[] = [];
  let bytes = 0;
  let finished = false;
  let failure: { error: unknown } | undefined;
  let wakeConsumer: (() => void) | undefined;
  let wakeProducer: (() => void) | undefined;
  const signal = (wake: (() => void) | undefined) => wake?.();

  const full = () => buffer.length >= options.maxItems || (buffer.length > 0 && bytes >= options.maxBytes);
  const produce = async () => {
    try {
      while (!finished) {
        if (full()) {
          await new Promise<void>((resolve) => (wakeProducer = resolve));
          continue;
        }
        const next = await iterator.next();
        if (next.done) break;
        const size = options.sizeOf(next.value);
        buffer.push({ item: next.value, size });
        bytes += size;
        signal(wakeConsumer);
      }
    } catch (error) {
      failure = { error };
    } finally {
      finished = true;
      signal(wakeConsumer);
    }
  };
  const producing = produce();

  try {
    for (;;) {
      const first = buffer.shift();
      if (first) {
        bytes -= first.size;
        signal(wakeProducer);
        yield first.item;
        continue;
      }
      if (finished) {
        if (failure) throw failure.error;
        return;
      }
      await new Promise<void>((resolve) => (wakeConsumer = resolve));
    }
  } finally {
    // The consumer stopped (done, or an error of its own): stop the source itself (a read waiting on the network would
    // otherwise hold this up), then let it clean up.
    finished = true;
    options.stop();
    signal(wakeProducer);
    await producing;
    await iterator.return?.();
  }
}
