import type PgBoss from "pg-boss";
import { getConfig } from "@/lib/config";
import { logger } from "@/lib/log";
import type { JobHandler, JobHandlers, JobName, JobPayloads } from "./names";
import { JobLeases } from "./leases";
import { getBoss, queueSchema, registerLocalWorker, stopBoss, wakeLocalWorkers } from "./queue";
import { announceJob, listenForJobs } from "./wake";

/** The latest a failed job's retry may start: pg-boss waits `retryDelay`, doubled per attempt with backoff (half of it random). */
const retryDelayCeiling = (job: Pick<PgBoss.JobWithMetadata, "retryDelay" | "retryBackoff" | "retryCount">) =>
  job.retryBackoff ? job.retryDelay * 2 ** Math.min(16, job.retryCount + 1) : job.retryDelay;

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
  const stopListening = listenForJobs((queue) => void wakeLocalWorkers(queue));
  for (const [name, handler] of Object.entries(options.handlers) as [JobName, JobHandler<JobName>][]) {
    for (let i = 0; i < options.concurrency; i++) {
      let workerId = "";
      workerId = await boss.work<JobPayloads[JobName]>(
        name,
        // Woken by announced jobs (wake.ts): polling is only the safety net for jobs nobody announced (retries).
        { batchSize: 1, includeMetadata: true, pollingIntervalSeconds: options.pollingIntervalSeconds ?? getConfig().FERRY_QUEUE_POLL_SECONDS },
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
              // pg-boss retries it after its backoff: wake the workers then, not at their next poll.
              if (job.retryCount < job.retryLimit) await announceJob(undefined, name, retryDelayCeiling(job)).catch(() => undefined);
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
    stop: async () => {
      leases.stop();
      await stopListening();
      return stopBoss({ graceful: true, wait: true, timeout: 30_000 });
    },
  };
}
