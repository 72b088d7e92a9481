import { getConfig } from "@/lib/config";

let running = 0;
const waiting: (() => void)[] = [];

/**
 * Runs `work` once one of the process's load slots (FERRY_IMPORT_LOAD_CONCURRENCY) is free. Batch jobs download side
 * by side, which hides a remote source's latency, but parse and load in turn: on a few cores, five COPYs into the same
 * tables at once cost PostgreSQL more per row (relation extension and buffer locks contended), and five parsed chunks
 * held at once cost the worker's garbage collector more, for no more rows a second. A slot is held without any
 * database connection or lock being waited for while it is awaited, so slots never deadlock with transactions.
 */
export async function withLoadSlot<T>(work: () => Promise<T>): Promise<T> {
  if (running >= getConfig().FERRY_IMPORT_LOAD_CONCURRENCY) await new Promise<void>((resolve) => waiting.push(resolve));
  else running += 1;
  try {
    return await work();
  } finally {
    // The slot passes straight to the next waiter: `running` counts it still, so no newcomer can slip in between.
    const next = waiting.shift();
    if (next) next();
    else running -= 1;
  }
}
