import { getConfig } from "@/lib/config";
import { getDatabaseUrl, getPool, lowerBackendPriority } from "@/lib/db";
import { EXPORT_PRUNE_SCHEDULE, exchangeJobHandlers } from "@/lib/exchange";
import { getBoss, startWorker, type RunningWorker } from "@/lib/jobs";
import { logger } from "@/lib/log";
import { importJobHandlers, NUDGE_INTERVAL_MS, nudgeStalledImports } from "@/lib/migration";
import { runHousekeeping } from "./housekeeping";
import { lowerWorkerPriority } from "./worker-priority";

/** A worker with every handler Ferry has: what `npm start` runs in process and `npm run worker` runs alone. */
export async function startFerryWorker(): Promise<RunningWorker> {
  lowerWorkerPriority(getConfig().FERRY_WORKER_NICE);
  // Its database backends too: their work is the import's as much as the worker's code is.
  lowerBackendPriority(getPool(), getDatabaseUrl(), getConfig().FERRY_WORKER_NICE);
  const worker = await startWorker({
    concurrency: getConfig().FERRY_WORKER_CONCURRENCY,
    handlers: { housekeeping: () => runHousekeeping(), ...importJobHandlers, ...exchangeJobHandlers },
  });
  // Export files are swept hourly; pg-boss keeps one schedule per queue however many workers set it.
  await (await getBoss("worker")).schedule("exchange.prune", EXPORT_PRUNE_SCHEDULE, { reason: "schedule" });
  // Seconds, not a cron minute: an import stuck by a crash is moved on long before anyone waits for it.
  const nudge = setInterval(() => void nudgeStalledImports().catch((error) => logger.warn({ err: error }, "nudging imports failed")), NUDGE_INTERVAL_MS);
  nudge.unref();
  return {
    stop: () => {
      clearInterval(nudge);
      return worker.stop();
    },
  };
}
