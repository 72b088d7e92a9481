import type PgBoss from "pg-boss";
import { logger } from "@/lib/log";
import { runHousekeeping } from "./housekeeping";
import type { JobName, JobPayloads } from "./names";
import { getBoss, stopBoss } from "./queue";

type Handlers = { [N in JobName]: (data: JobPayloads[N], job: PgBoss.Job<JobPayloads[N]>) => Promise<unknown> };

const HANDLERS: Handlers = {
  housekeeping: () => runHousekeeping(),
};

export interface RunningWorker {
  stop(): Promise<void>;
}

/**
 * Starts polling every queue with `concurrency` parallel loops per queue. Several worker processes may run against
 * one database: pg-boss hands each job to exactly one of them (SKIP LOCKED).
 */
export async function startWorker(options: { concurrency: number; pollingIntervalSeconds?: number }): Promise<RunningWorker> {
  const boss = await getBoss("worker");
  const log = logger.child({ component: "worker" });
  for (const [name, handler] of Object.entries(HANDLERS) as [JobName, Handlers[JobName]][]) {
    for (let i = 0; i < options.concurrency; i++) {
      await boss.work<JobPayloads[typeof name]>(name, { batchSize: 1, pollingIntervalSeconds: options.pollingIntervalSeconds ?? 1 }, async (jobs) => {
        for (const job of jobs) {
          const started = Date.now();
          try {
            const result = await handler(job.data, job);
            log.debug({ job: name, id: job.id, ms: Date.now() - started }, "job done");
            return result;
          } catch (error) {
            log.error({ job: name, id: job.id, err: error }, "job failed");
            throw error;
          }
        }
      });
    }
  }
  await boss.schedule("housekeeping", "17 * * * *", { reason: "schedule" });
  log.info({ concurrency: options.concurrency }, "worker started");
  return {
    // Graceful: running jobs get up to 30 s to finish; what is still running is failed back to the queue for retry.
    stop: () => stopBoss({ graceful: true, wait: true, timeout: 30_000 }),
  };
}
