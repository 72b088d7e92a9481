import { and, asc, eq, inArray } from "drizzle-orm";
import { bulkImportExportBatches, bulkImportExports, getDb } from "@/lib/db";
import type { Portable } from "./portable";
import { exportsOf } from "./portable-columns";

type ExportRow = typeof bulkImportExports.$inferSelect;
type BatchRow = typeof bulkImportExportBatches.$inferSelect;

/** API::Entities::BulkImports::ExportBatchStatus, in its exposure order. */
export function exportBatchStatusEntity(batch: BatchRow) {
  return {
    status: batch.status,
    batch_number: batch.batchNumber,
    objects_count: batch.objectsCount,
    error: batch.error,
    updated_at: batch.updatedAt.toISOString(),
  };
}

/** API::Entities::BulkImports::ExportStatus: `batches` is exposed only for a batched export. */
export function exportStatusEntity(row: ExportRow, batches: BatchRow[]) {
  return {
    relation: row.relation,
    status: row.status,
    error: row.error,
    updated_at: row.updatedAt.toISOString(),
    batched: row.batched,
    batches_count: row.batchesCount,
    total_objects_count: row.totalObjectsCount,
    ...(row.batched ? { batches: batches.map(exportBatchStatusEntity) } : {}),
  };
}

export type ExportStatusEntity = ReturnType<typeof exportStatusEntity>;

async function withBatches(rows: ExportRow[]): Promise<ExportStatusEntity[]> {
  const batched = rows.filter((row) => row.batched).map((row) => row.id);
  const batches = batched.length
    ? await getDb()
        .select()
        .from(bulkImportExportBatches)
        .where(inArray(bulkImportExportBatches.exportId, batched))
        .orderBy(asc(bulkImportExportBatches.exportId), asc(bulkImportExportBatches.batchNumber))
    : [];
  return rows.map((row) => exportStatusEntity(row, batches.filter((batch) => batch.exportId === row.id)));
}

/** The user's exports of the portable, in the order they were first made (GitLab lists them by id). */
export async function listExportStatuses(portable: Portable, userId: number): Promise<ExportStatusEntity[]> {
  const rows = await getDb().select().from(bulkImportExports).where(exportsOf(portable, userId)).orderBy(asc(bulkImportExports.id));
  return withBatches(rows);
}

/** One relation's export status, or null when the user never exported it ("Export not found"). */
export async function findExportStatus(portable: Portable, userId: number, relation: string): Promise<ExportStatusEntity | null> {
  const rows = await getDb()
    .select()
    .from(bulkImportExports)
    .where(and(exportsOf(portable, userId), eq(bulkImportExports.relation, relation)));
  const [entity] = await withBatches(rows);
  return entity ?? null;
}
