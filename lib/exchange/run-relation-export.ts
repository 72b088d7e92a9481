import type PgBoss from "pg-boss";
import { and, eq } from "drizzle-orm";
import { bulkImportExportBatches, bulkImportExports, getDb } from "@/lib/db";
import { logger } from "@/lib/log";
import { archiveStream } from "./archive";
import { moveIntoPlace, ownFilePath, removeOwnFile, removeRunIfReplaced } from "./duplicate-runs";
import { exportFilePath, writeGzipFile } from "./files";
import { portableOf } from "./portable-columns";
import { findRelation } from "./relations/registry";
import { errorName, exportOpenBatches } from "./run-batch-export";
import type { CollectionRelation, ExportRelation } from "./relations/support/types";
import { collectionText, singleText } from "./serialize";
import { EXPORT_BATCH_SIZE, EXPORT_STATUS } from "./status";

type Job = Pick<PgBoss.JobWithMetadata, "retryCount" | "retryLimit">;
type ExportRow = typeof bulkImportExports.$inferSelect;

const isLastAttempt = (job: Job) => job.retryCount >= job.retryLimit;

/** The export row, if it is still this run's and still running: anything else means the job has nothing to do. */
async function currentRun(exportId: number, runId: string): Promise<ExportRow | undefined> {
  const [row] = await getDb().select().from(bulkImportExports).where(eq(bulkImportExports.id, exportId));
  return row && row.runId === runId && row.status === EXPORT_STATUS.started ? row : undefined;
}

async function failExport(exportId: number, runId: string, error: string): Promise<void> {
  await getDb()
    .update(bulkImportExports)
    .set({ status: EXPORT_STATUS.failed, error, finishedAt: new Date(), updatedAt: new Date() })
    .where(and(eq(bulkImportExports.id, exportId), eq(bulkImportExports.runId, runId), eq(bulkImportExports.status, EXPORT_STATUS.started)));
}

/**
 * GitLab's RelationExportWorker: a batched export of a collection is split into batches of 1000 record ids, each
 * written to its own file; anything else is written whole, streamed through gzip into one file.
 */
export async function runRelationExport(exportId: number, runId: string, job: Job): Promise<void> {
  const row = await currentRun(exportId, runId);
  if (!row) return;
  const relation = findRelation(portableOf(row).kind, row.relation);
  try {
    if (!relation) throw new Error(`Unsupported portable relation ${row.relation}`);
    if (row.batched && relation.kind === "collection") {
      if (await planBatches(row, relation)) await exportOpenBatches({ exportId, runId, portableId: portableOf(row).id }, relation, job);
    } else {
      await exportWhole(row, relation);
    }
  } catch (error) {
    logger.warn({ err: error, exportId, relation: row.relation, retry: job.retryCount }, "relation export failed");
    if (!isLastAttempt(job)) throw error;
    await failExport(exportId, runId, errorName(error));
  }
}

/** A twin delivery of the same run may write at the same time: see duplicate-runs.ts. */
async function exportWhole(row: ExportRow, relation: ExportRelation): Promise<void> {
  const { id: portableId } = portableOf(row);
  const text = relation.kind === "collection" ? collectionText(relation, portableId) : relation.kind === "file" ? archiveStream(relation, portableId) : singleText(relation, portableId);
  const filePath = exportFilePath(row.id, row.runId, null);
  const ownPath = ownFilePath(filePath);
  let finished: boolean;
  try {
    const fileSize = await writeGzipFile(ownPath, text.chunks);
    finished = await getDb().transaction(async (tx) => {
      const [claimed] = await tx
        .update(bulkImportExports)
        .set({ status: EXPORT_STATUS.finished, totalObjectsCount: text.count(), filePath, fileSize, finishedAt: new Date(), updatedAt: new Date() })
        .where(and(eq(bulkImportExports.id, row.id), eq(bulkImportExports.runId, row.runId), eq(bulkImportExports.status, EXPORT_STATUS.started)))
        .returning({ id: bulkImportExports.id });
      // Before the commit: a failed move undoes the claim, and no reader sees the export finished without its file.
      if (claimed) await moveIntoPlace(ownPath, filePath);
      return claimed !== undefined;
    });
  } finally {
    await removeOwnFile(ownPath);
  }
  if (!finished) await removeRunIfReplaced(row.id, row.runId);
}

/**
 * GitLab's BatchedRelationExportService: the ids are read now and fixed per batch, so that each batch exports
 * exactly what it announced; an empty relation finishes at once with no batches.
 */
async function planBatches(row: ExportRow, relation: CollectionRelation): Promise<boolean> {
  // A retried job keeps the plan it made (a restart deletes batches, so any left are this run's).
  const [planned] = await getDb().select({ id: bulkImportExportBatches.id }).from(bulkImportExportBatches).where(eq(bulkImportExportBatches.exportId, row.id)).limit(1);
  if (planned) return true;
  const { id: portableId } = portableOf(row);
  const ids = await relation.ids(portableId);
  const batches = Array.from({ length: Math.ceil(ids.length / EXPORT_BATCH_SIZE) }, (_, i) => ({
    batchNumber: i + 1,
    recordIds: ids.slice(i * EXPORT_BATCH_SIZE, (i + 1) * EXPORT_BATCH_SIZE),
  }));
  const total = ids.length;
  return getDb().transaction(async (tx) => {
    const [locked] = await tx
      .select({ id: bulkImportExports.id })
      .from(bulkImportExports)
      .where(and(eq(bulkImportExports.id, row.id), eq(bulkImportExports.runId, row.runId), eq(bulkImportExports.status, EXPORT_STATUS.started)))
      .for("update");
    if (!locked) return false;
    if (batches.length > 0) {
      // Two deliveries of one job planning at once: the first plan stands.
      await tx
        .insert(bulkImportExportBatches)
        .values(batches.map((batch) => ({ exportId: row.id, ...batch, objectsCount: batch.recordIds.length })))
        .onConflictDoNothing();
    }
    const now = new Date();
    await tx
      .update(bulkImportExports)
      .set({
        batchesCount: batches.length,
        totalObjectsCount: total,
        updatedAt: now,
        ...(batches.length === 0 ? { status: EXPORT_STATUS.finished, finishedAt: now } : {}),
      })
      .where(eq(bulkImportExports.id, row.id));
    return true;
  });
}
