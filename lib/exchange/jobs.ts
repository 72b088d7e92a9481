import type { JobHandlers } from "@/lib/jobs";
import { pruneFileExports, runFileExport } from "./file-export/lifecycle";
import { pruneExports } from "./prune";
import { runRelationExport } from "./run-relation-export";

/** The source side's job handlers, registered by lib/runtime's worker. */
export const exchangeJobHandlers: JobHandlers = {
  "exchange.relation-export": (data, job) => runRelationExport(data.exportId, data.runId, job),
  "exchange.file-export": ({ exportId, runId, ...options }) => runFileExport(exportId, runId, options),
  "exchange.prune": async () => ({ relationExports: await pruneExports(), fileExports: await pruneFileExports() }),
};

/** When the sweep runs: hourly, off the full hour. */
export const EXPORT_PRUNE_SCHEDULE = "17 * * * *";
