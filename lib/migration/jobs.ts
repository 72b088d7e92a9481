import type { JobHandlers } from "@/lib/jobs";
import { requestExport } from "./engine/export-request";
import { processImport } from "./engine/process-import";
import { fetchRemoteArchive } from "./file-import/fetch-remote-archive";
import { runBatch } from "./engine/run-batch";
import { runPipeline } from "./engine/run-pipeline";

/** The engine's job handlers, registered by lib/runtime's worker. */
export const importJobHandlers: JobHandlers = {
  "import.process": (data) => processImport(data.bulkImportId),
  "import.remote-archive": (data, job) => fetchRemoteArchive(data.bulkImportId, job),
  "import.export-request": (data, job) => requestExport(data.entityId, job),
  "import.pipeline": (data, job) => runPipeline(data.trackerId, data.poll ?? 0, job),
  "import.batch": (data, job) => runBatch(data.trackerId, data.batchNumber, job),
};
