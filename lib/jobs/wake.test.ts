import { describe, expect, it } from "vitest";
import { getDb, sqlExecutor } from "@/lib/db";
import { announceJob, listenForJobs } from "./wake";

process.env.FERRY_QUEUE_SCHEMA = "test_job_wake";

const nextWake = (woken: string[], queue: string, timeoutMs = 10_000) =>
  new Promise<number>((resolve, reject) => {
    const started = Date.now();
    const timer = setInterval(() => {
      if (woken.includes(queue)) {
        clearInterval(timer);
        resolve(Date.now() - started);
      } else if (Date.now() - started > timeoutMs) {
        clearInterval(timer);
        reject(new Error(`no wake-up for ${queue}`));
      }
    }, 20);
  });

describe("job wake-ups across processes", () => {
  it("wake listeners for announced jobs: at once, when a delayed job may start, and only for committed sends", async () => {
    const woken: string[] = [];
    const stop = listenForJobs((queue) => woken.push(queue));
    try {
      // The listener connects on its own: wait until it hears an announcement.
      await expect
        .poll(async () => {
          await announceJob(undefined, "probe");
          return woken.includes("probe");
        }, { timeout: 10_000 })
        .toBe(true);

      await announceJob(undefined, "import.process");
      await nextWake(woken, "import.process");

      await announceJob(undefined, "import.pipeline", 1);
      expect(await nextWake(woken, "import.pipeline")).toBeGreaterThanOrEqual(900);

      // Sent inside a transaction that rolls back: no job, no wake-up.
      await getDb()
        .transaction(async (tx) => {
          await announceJob(sqlExecutor(tx), "import.batch");
          throw new Error("rolled back");
        })
        .catch(() => undefined);
      await getDb().transaction((tx) => announceJob(sqlExecutor(tx), "import.export-request"));
      await nextWake(woken, "import.export-request");
      expect(woken).not.toContain("import.batch");
    } finally {
      await stop();
    }
  });
});
