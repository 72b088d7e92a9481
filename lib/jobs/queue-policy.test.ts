import { afterAll, describe, expect, it } from "vitest";
import { earlierDeliveryRunning, enqueue, getBoss, stopBoss } from "./queue";
import { startWorker, type RunningWorker } from "./worker";

process.env.FERRY_QUEUE_SCHEMA = "test_queue_policy";

async function waitFor(probe: () => boolean, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (probe()) return true;
    await new Promise((r) => setTimeout(r, 50));
  }
  return probe();
}

/** As the engine nudges an import: one job per import, keyed by it. */
const nudge = (bulkImportId: number) => enqueue("import.process", { bulkImportId }, { singletonKey: String(bulkImportId) });

describe("keyed queues", () => {
  let worker: RunningWorker | undefined;
  afterAll(async () => {
    await worker?.stop();
    await stopBoss();
  });

  it("run another key's job while one key has a job running and another waiting, and keep one waiting job per key", async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const runs: number[] = [];
    worker = await startWorker({
      concurrency: 2,
      // The polling safety net out of reach: every hand-over here must come from a wake-up.
      pollingIntervalSeconds: 600,
      handlers: {
        "import.process": async ({ bulkImportId }) => {
          runs.push(bulkImportId);
          if (bulkImportId === 1 && runs.filter((id) => id === 1).length === 1) await gate;
        },
      },
    });

    try {
      expect(await nudge(1)).toBeTruthy();
      expect(await waitFor(() => runs.includes(1), 10_000)).toBe(true);
      // A nudge of the running key is not lost, and another key is not held up by the first one's jobs.
      expect(await nudge(1)).toBeTruthy();
      expect(await nudge(2)).toBeTruthy();
      expect(await waitFor(() => runs.includes(2), 5_000)).toBe(true);
      expect(await waitFor(() => runs.filter((id) => id === 1).length === 2, 5_000)).toBe(true);
    } finally {
      release();
    }
    expect(runs.sort()).toEqual([1, 1, 2]);

    // Nudges of a key whose job still waits collapse into it.
    const later = { singletonKey: "3", startAfter: 600 };
    expect(await enqueue("import.process", { bulkImportId: 3 }, later)).toBeTruthy();
    expect(await enqueue("import.process", { bulkImportId: 3 }, later)).toBeNull();
    expect(await nudge(3)).toBeNull();
  }, 60_000);

  it("tell a delivery whether an earlier one of its key still runs", async () => {
    const boss = await getBoss();
    const take = async (key: string) => {
      const id = await boss.send("import.remote-archive", { bulkImportId: 1 }, { singletonKey: key });
      const [job] = await boss.fetch<{ bulkImportId: number }>("import.remote-archive", { batchSize: 1, includeMetadata: true });
      expect(job?.id).toBe(id);
      return job!;
    };
    const first = await take("40");
    const second = await take("40");
    const other = await take("41");
    expect(await earlierDeliveryRunning(first)).toBe(false);
    expect(await earlierDeliveryRunning(second)).toBe(true);
    expect(await earlierDeliveryRunning(other)).toBe(false);
    await boss.complete("import.remote-archive", first.id);
    expect(await earlierDeliveryRunning(second)).toBe(false);
  });
});
