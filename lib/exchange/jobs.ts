import type { JobHandlers } from "@/lib/jobs";
import { pruneExports } from "./prune";
import { runRelationExport } from "./run-relation-export";

/** The source side's job handlers, registered by lib/runtime's worker. */
export const exchangeJobHandlers: JobHandlers = {
  "exchange.relation-export": (data, job) => runRelationExport(data.exportId, data.runId, job),
  "exchange.prune": () => pruneExports(),
};

/** When the sweep runs: hourly, off the full hour. */
export const EXPORT_PRUNE_SCHEDULE = "17 * * * *";
