import type PgBoss from "pg-boss";
import { getConfig } from "@/lib/config";

/**
 * Every queue Ferry uses, with its retry policy. Handlers must be idempotent: pg-boss delivers at least once.
 * `short` queues hold at most one waiting job per singleton key (an import), so repeated nudges collapse into one; a
 * nudge sent while the key's job runs waits beside it and may start at once, so their handlers take the import's row
 * lock. Not `stately` (one waiting and one running per key): pg-boss 10 fetches in creation order and cannot skip a
 * waiting job whose key is running, so one import's queued nudge held back every other import's jobs until the
 * polling interval (queue-policy.test.ts).
 */
export function queueDefinitions(): Record<JobName, PgBoss.Queue> {
  const expireInSeconds = getConfig().FERRY_IMPORT_JOB_TIMEOUT_SECONDS;
  return {
    housekeeping: { name: "housekeeping", retryLimit: 2, retryDelay: 60, expireInSeconds: 15 * 60 },
    "import.process": { name: "import.process", policy: "short", retryLimit: 5, retryDelay: 2, retryBackoff: true, expireInSeconds },
    // A remote import's archive fetched and checked (POST /projects/remote-import): a delivery that finds an earlier one
    // of its import running leaves the download to it, and a download of up to 10 GiB needs longer than a relation's job.
    "import.remote-archive": { name: "import.remote-archive", policy: "short", retryLimit: 3, retryDelay: 10, retryBackoff: true, expireInSeconds: Math.max(expireInSeconds, 6 * 3600) },
    "import.export-request": { name: "import.export-request", retryLimit: 5, retryDelay: 2, retryBackoff: true, expireInSeconds },
    "import.pipeline": { name: "import.pipeline", retryLimit: 5, retryDelay: 2, retryBackoff: true, expireInSeconds },
    "import.batch": { name: "import.batch", retryLimit: 5, retryDelay: 2, retryBackoff: true, expireInSeconds },
    // Ferry as a source: one job per exported relation (it writes the relation's batch files too), an hourly sweep.
    "exchange.relation-export": { name: "exchange.relation-export", retryLimit: 3, retryDelay: 2, retryBackoff: true, expireInSeconds },
    // A whole archive of a group or project: large trees take long, so the import's job timeout applies.
    "exchange.file-export": { name: "exchange.file-export", retryLimit: 3, retryDelay: 5, retryBackoff: true, expireInSeconds },
    "exchange.prune": { name: "exchange.prune", policy: "singleton", retryLimit: 1, retryDelay: 60, expireInSeconds: 15 * 60 },
  };
}

export const JOB_NAMES = [
  "housekeeping",
  "import.process",
  "import.remote-archive",
  "import.export-request",
  "import.pipeline",
  "import.batch",
  "exchange.relation-export",
  "exchange.file-export",
  "exchange.prune",
] as const;
export type JobName = (typeof JOB_NAMES)[number];

export interface JobPayloads {
  housekeeping: { reason: "schedule" | "manual" };
  "import.process": { bulkImportId: number };
  "import.remote-archive": { bulkImportId: number };
  "import.export-request": { entityId: number };
  /** `poll` counts how often the source's export status was found not ready, for the backoff. */
  "import.pipeline": { trackerId: number; poll?: number };
  /** `batchNumber`: a job queued by a Ferry before batches were grouped, still waiting when it was upgraded. */
  "import.batch": { trackerId: number; batchNumbers?: number[]; batchNumber?: number };
  /** `runId` names the run that queued the job: a restarted export has a new one, and the old job stops. */
  "exchange.relation-export": { exportId: number; runId: string };
  /** `runId` names the request: a newer one for the same portable and user replaces it, and the old job stops. */
  "exchange.file-export": { exportId: number; runId: string } & FileExportOptions;
  "exchange.prune": { reason: "schedule" | "manual" };
}

/** What POST /projects/:id/export may add: the description the archive gives the project, where to send the archive. */
export interface FileExportOptions {
  description?: string;
  upload?: { url: string; method: "PUT" | "POST" };
}

export type JobHandler<N extends JobName> = (data: JobPayloads[N], job: PgBoss.JobWithMetadata<JobPayloads[N]>) => Promise<unknown>;
export type JobHandlers = { [N in JobName]?: JobHandler<N> };
