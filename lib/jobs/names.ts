import type PgBoss from "pg-boss";
import { getConfig } from "@/lib/config";

/**
 * Every queue Ferry uses, with its retry policy. Handlers must be idempotent: pg-boss delivers at least once.
 * `stately` queues hold at most one waiting and one running job per singleton key (an import or an entity), so
 * repeated nudges collapse into one.
 */
export function queueDefinitions(): Record<JobName, PgBoss.Queue> {
  const expireInSeconds = getConfig().FERRY_IMPORT_JOB_TIMEOUT_SECONDS;
  return {
    housekeeping: { name: "housekeeping", retryLimit: 2, retryDelay: 60, expireInSeconds: 15 * 60 },
    "import.process": { name: "import.process", policy: "stately", retryLimit: 5, retryDelay: 2, retryBackoff: true, expireInSeconds },
    "import.export-request": { name: "import.export-request", retryLimit: 5, retryDelay: 2, retryBackoff: true, expireInSeconds },
    "import.advance": { name: "import.advance", policy: "stately", retryLimit: 5, retryDelay: 2, retryBackoff: true, expireInSeconds },
    "import.pipeline": { name: "import.pipeline", retryLimit: 5, retryDelay: 2, retryBackoff: true, expireInSeconds },
    "import.batch": { name: "import.batch", retryLimit: 5, retryDelay: 2, retryBackoff: true, expireInSeconds },
  };
}

export const JOB_NAMES = ["housekeeping", "import.process", "import.export-request", "import.advance", "import.pipeline", "import.batch"] as const;
export type JobName = (typeof JOB_NAMES)[number];

export interface JobPayloads {
  housekeeping: { reason: "schedule" | "manual" };
  "import.process": { bulkImportId: number };
  "import.export-request": { entityId: number };
  "import.advance": { entityId: number };
  /** `poll` counts how often the source's export status was found not ready, for the backoff. */
  "import.pipeline": { trackerId: number; poll?: number };
  "import.batch": { trackerId: number; batchNumber: number };
}

export type JobHandler<N extends JobName> = (data: JobPayloads[N], job: PgBoss.JobWithMetadata<JobPayloads[N]>) => Promise<unknown>;
export type JobHandlers = { [N in JobName]?: JobHandler<N> };
