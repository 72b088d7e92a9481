import type PgBoss from "pg-boss";
import { and, asc, eq, sql } from "drizzle-orm";
import { bulkImportExportBatches, bulkImportExports, getDb, type Tx } from "@/lib/db";
import { logger } from "@/lib/log";
import { moveIntoPlace, ownFilePath, removeOwnFile, removeRunIfReplaced } from "./duplicate-runs";
import { exportFilePath, writeGzipFile } from "./files";
import type { CollectionRelation } from "./relations/support/types";
import { batchText } from "./serialize";
import { EXPORT_STATUS } from "./status";

type Job = Pick<PgBoss.JobWithMetadata, "retryCount" | "retryLimit">;
type BatchRow = typeof bulkImportExportBatches.$inferSelect;

interface Run {
  exportId: number;
  runId: string;
  portableId: number;
}

/** GitLab records the exception's class, not its message: internals (SQL, paths) stay out of the API. */
export function errorName(error: unknown): string {
  return error instanceof Error ? error.constructor.name : "Error";
}

/**
 * GitLab's RelationBatchExportWorker, run by the relation's own job: each batch not finished yet is written to its
 * own gzipped file, one after the other. A job that dies is retried and picks up at the first open batch; on its
 * last attempt a batch that still fails is marked failed, and the export with it. Returns false once the export
 * turns out to have been restarted or ended by a twin delivery (the rest is not this run's business).
 *
 * One job per relation rather than one per batch (GitLab's way): a queue hop per batch of 1000 records costs more
 * than the batch itself (measured in scripts/bench-export.ts), and relations still export in parallel.
 */
export async function exportOpenBatches(run: Run, relation: CollectionRelation, job: Job): Promise<boolean> {
  const open = await getDb()
    .select()
    .from(bulkImportExportBatches)
    .where(and(eq(bulkImportExportBatches.exportId, run.exportId), eq(bulkImportExportBatches.status, EXPORT_STATUS.started)))
    .orderBy(asc(bulkImportExportBatches.batchNumber));
  for (const batch of open) {
    const filePath = exportFilePath(run.exportId, run.runId, batch.batchNumber);
    // A twin delivery of this run may write the same batch at the same time: see duplicate-runs.ts.
    const ownPath = ownFilePath(filePath);
    let outcome: Partial<BatchRow>;
    let ended: boolean;
    try {
      try {
        const text = batchText(relation, run.portableId, batch.recordIds);
        const fileSize = await writeGzipFile(ownPath, text.chunks);
        outcome = { status: EXPORT_STATUS.finished, objectsCount: text.count(), filePath, fileSize };
      } catch (error) {
        logger.warn({ err: error, exportId: run.exportId, batchNumber: batch.batchNumber, retry: job.retryCount }, "batch export failed");
        if (job.retryCount < job.retryLimit) throw error;
        outcome = { status: EXPORT_STATUS.failed, error: errorName(error) };
      }
      ended = await endBatch(run, batch.id, outcome, outcome.status === EXPORT_STATUS.finished ? { ownPath, filePath } : undefined);
    } finally {
      await removeOwnFile(ownPath);
    }
    if (!ended) {
      // Restarted while this batch was written (its files then belong to a run nobody serves), or a twin ended it.
      await removeRunIfReplaced(run.exportId, run.runId);
      return false;
    }
  }
  return true;
}

/** Records a batch's end; the last batch to end settles the export (GitLab's FinishBatchedRelationExportWorker). */
async function endBatch(run: Run, batchId: number, outcome: Partial<BatchRow>, file?: { ownPath: string; filePath: string }): Promise<boolean> {
  return getDb().transaction(async (tx) => {
    // The export row is locked first, so a restart cannot slip between this check and the writes.
    const [locked] = await tx
      .select({ id: bulkImportExports.id })
      .from(bulkImportExports)
      .where(and(eq(bulkImportExports.id, run.exportId), eq(bulkImportExports.runId, run.runId), eq(bulkImportExports.status, EXPORT_STATUS.started)))
      .for("update");
    if (!locked) return false;
    const [ended] = await tx
      .update(bulkImportExportBatches)
      .set({ ...outcome, updatedAt: new Date() })
      .where(and(eq(bulkImportExportBatches.id, batchId), eq(bulkImportExportBatches.status, EXPORT_STATUS.started)))
      .returning({ id: bulkImportExportBatches.id });
    // Only the delivery that ends the batch puts its file in place, before the commit makes the batch downloadable.
    if (ended && file) await moveIntoPlace(file.ownPath, file.filePath);
    await settle(tx, run.exportId);
    return true;
  });
}

async function settle(tx: Tx, exportId: number): Promise<void> {
  const [counts] = await tx
    .select({
      open: sql<number>`count(*) FILTER (WHERE ${bulkImportExportBatches.status} = ${EXPORT_STATUS.started})::int`,
      firstFailed: sql<number | null>`min(${bulkImportExportBatches.batchNumber}) FILTER (WHERE ${bulkImportExportBatches.status} = ${EXPORT_STATUS.failed})`,
    })
    .from(bulkImportExportBatches)
    .where(eq(bulkImportExportBatches.exportId, exportId));
  const now = new Date();
  if (!counts || counts.open > 0) {
    // GitLab touches the export as batches end, so its updated_at shows progress.
    await tx.update(bulkImportExports).set({ updatedAt: now }).where(eq(bulkImportExports.id, exportId));
    return;
  }
  const failed = counts.firstFailed !== null;
  await tx
    .update(bulkImportExports)
    .set({
      status: failed ? EXPORT_STATUS.failed : EXPORT_STATUS.finished,
      error: failed ? `Batch ${counts.firstFailed} of the export failed` : null,
      finishedAt: now,
      updatedAt: now,
    })
    .where(eq(bulkImportExports.id, exportId));
}
