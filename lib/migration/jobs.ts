import type { JobHandlers } from "@/lib/jobs";
import { requestExport } from "./engine/export-request";
import { processImport } from "./engine/process-import";
import { fetchRemoteArchive } from "./file-import/fetch-remote-archive";
import { runBatches } from "./engine/run-batch";
import { runPipeline } from "./engine/run-pipeline";

/** The engine's job handlers, registered by lib/runtime's worker. */
export const importJobHandlers: JobHandlers = {
  "import.process": (data) => processImport(data.bulkImportId),
  "import.remote-archive": (data, job) => fetchRemoteArchive(data.bulkImportId, job),
  "import.export-request": (data, job) => requestExport(data.entityId, job),
  "import.pipeline": (data, job) => runPipeline(data.trackerId, data.poll ?? 0, job),
  // A job queued by a Ferry before batches were grouped names one batch.
  "import.batch": (data, job) => runBatches(data.trackerId, data.batchNumbers ?? [data.batchNumber!], job),
};
