import { and, eq } from "drizzle-orm";
import { bulkImportExportBatches, bulkImportExports, getDb } from "@/lib/db";
import { resolveExportPath, storedFileSize } from "./files";
import type { Portable } from "./portable";
import { exportsOf } from "./portable-columns";
import { exportedFilename, findRelation } from "./relations/registry";
import { EXPORT_STATUS } from "./status";

export interface DownloadFile {
  path: string;
  size: number;
  filename: string;
}

/** A refusal in GitLab's words: status and `{"message": ...}` (render_api_error!). */
export interface DownloadRefusal {
  status: 400 | 404;
  message: string;
}

export type DownloadLookup = { file: DownloadFile } | { refusal: DownloadRefusal };

const refuse = (status: 400 | 404, message: string): DownloadLookup => ({ refusal: { status, message } });

/**
 * The file GET .../export_relations/download serves, checked in the order of GitLab's endpoint: the export exists,
 * then for `batched=true` the export is batched, the batch exists and has its file; otherwise the export is not
 * batched and has its file. A file that is not written yet, or was swept away, is "not found".
 */
export async function findDownload(portable: Portable, userId: number, relationName: string, batchNumber: number | null): Promise<DownloadLookup> {
  const [row] = await getDb()
    .select()
    .from(bulkImportExports)
    .where(and(exportsOf(portable, userId), eq(bulkImportExports.relation, relationName)));
  const relation = findRelation(portable.kind, relationName);
  if (!row || !relation) return refuse(404, "Export not found");
  const filename = exportedFilename(relation);

  if (batchNumber !== null) {
    if (!row.batched) return refuse(400, "Export is not batched");
    const [batch] = await getDb()
      .select()
      .from(bulkImportExportBatches)
      .where(and(eq(bulkImportExportBatches.exportId, row.id), eq(bulkImportExportBatches.batchNumber, batchNumber)));
    if (!batch) return refuse(404, "Batch not found");
    const size = batch.status === EXPORT_STATUS.finished && batch.filePath ? await storedFileSize(batch.filePath) : null;
    if (size === null) return refuse(404, "Batch file not found");
    return { file: { path: resolveExportPath(batch.filePath!), size, filename } };
  }
  if (row.batched) return refuse(400, "Export is batched");
  const size = row.status === EXPORT_STATUS.finished && row.filePath ? await storedFileSize(row.filePath) : null;
  if (size === null) return refuse(404, "Export file not found");
  return { file: { path: resolveExportPath(row.filePath!), size, filename } };
}
