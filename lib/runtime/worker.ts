import { getConfig } from "@/lib/config";
import { startWorker, type RunningWorker } from "@/lib/jobs";
import { importJobHandlers } from "@/lib/migration";
import { runHousekeeping } from "./housekeeping";

/** A worker with every handler Ferry has: what `npm start` runs in process and `npm run worker` runs alone. */
export function startFerryWorker(): Promise<RunningWorker> {
  return startWorker({
    concurrency: getConfig().FERRY_WORKER_CONCURRENCY,
    handlers: { housekeeping: () => runHousekeeping(), ...importJobHandlers },
  });
}
