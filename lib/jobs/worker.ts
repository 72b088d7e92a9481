import type PgBoss from "pg-boss";
import { logger } from "@/lib/log";
import type { JobHandler, JobHandlers, JobName, JobPayloads } from "./names";
import { JobLeases } from "./leases";
import { getBoss, queueSchema, registerLocalWorker, stopBoss } from "./queue";

export interface RunningWorker {
  stop(): Promise<void>;
}

/**
 * Polls every queue that has a handler, with `concurrency` parallel loops per queue. Several worker processes may
 * run against one database: pg-boss hands each job to exactly one of them (SKIP LOCKED). Handlers come from the
 * caller (lib/runtime), so that lib/jobs depends on no feature.
 */
export async function startWorker(options: { concurrency: number; handlers: JobHandlers; pollingIntervalSeconds?: number }): Promise<RunningWorker> {
  const boss = await getBoss("worker");
  const log = logger.child({ component: "worker" });
  const leases = new JobLeases(boss, queueSchema());
  await leases.create();
  await leases.reclaim();
  leases.start();
  for (const [name, handler] of Object.entries(options.handlers) as [JobName, JobHandler<JobName>][]) {
    for (let i = 0; i < options.concurrency; i++) {
      let workerId = "";
      workerId = await boss.work<JobPayloads[JobName]>(
        name,
        { batchSize: 1, includeMetadata: true, pollingIntervalSeconds: options.pollingIntervalSeconds ?? 0.5 },
        async (jobs: PgBoss.JobWithMetadata<JobPayloads[JobName]>[]) => {
          for (const job of jobs) {
            const started = Date.now();
            await leases.take(name, job.id);
            try {
              const result = await handler(job.data, job);
              log.debug({ job: name, id: job.id, ms: Date.now() - started }, "job done");
              return result;
            } catch (error) {
              log.warn({ job: name, id: job.id, retry: job.retryCount, err: error }, "job failed");
              throw error;
            } finally {
              await leases.release(job.id).catch((error) => log.warn({ err: error }, "job lease not released"));
              // The loop found work: look for more at once instead of sleeping out the polling interval.
              boss.notifyWorker(workerId);
            }
          }
        },
      );
      registerLocalWorker(name, workerId);
    }
  }
  if (options.handlers.housekeeping) await boss.schedule("housekeeping", "*/10 * * * *", { reason: "schedule" });
  log.info({ concurrency: options.concurrency, queues: Object.keys(options.handlers) }, "worker started");
  return {
    // Graceful: running jobs get up to 30 s to finish; what is still running is retried later.
    stop: () => {
      leases.stop();
      return stopBoss({ graceful: true, wait: true, timeout: 30_000 });
    },
  };
}
