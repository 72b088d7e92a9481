import fs from "node:fs";
import path from "node:path";
import { and, eq, inArray, isNotNull, lt, or, sql } from "drizzle-orm";
import { bulkImportExportBatches, bulkImportExports, getDb } from "@/lib/db";
import { logger } from "@/lib/log";
import { exportsRoot, removeRun, removeRuns } from "./files";
import { EXPORT_STATUS } from "./status";

/** How long finished files are kept: long enough for any importer to fetch them, then the disk is given back. */
export const EXPORT_FILES_TTL_MS = 24 * 3_600_000;
/** GitLab fails a batched export with no progress for 6 hours (FinishBatchedRelationExportWorker). */
export const STALE_EXPORT_MS = 6 * 3_600_000;

/**
 * The hourly sweep: fails exports stuck without progress, deletes files older than the TTL (the export then answers
 * "Export file not found" until it is started again) and directories no export row or run owns any more.
 */
export async function pruneExports(now = new Date()): Promise<{ timedOut: number; expired: number; orphans: number }> {
  const db = getDb();
  const timedOut = await db
    .update(bulkImportExports)
    .set({ status: EXPORT_STATUS.failed, error: "Export timed out", finishedAt: now, updatedAt: now })
    .where(and(eq(bulkImportExports.status, EXPORT_STATUS.started), lt(bulkImportExports.updatedAt, new Date(now.getTime() - STALE_EXPORT_MS))))
    .returning({ id: bulkImportExports.id });

  const expired = await db
    .select({ id: bulkImportExports.id, runId: bulkImportExports.runId })
    .from(bulkImportExports)
    .where(
      and(
        lt(bulkImportExports.finishedAt, new Date(now.getTime() - EXPORT_FILES_TTL_MS)),
        or(
          isNotNull(bulkImportExports.filePath),
          sql`EXISTS (SELECT 1 FROM ${bulkImportExportBatches} WHERE ${bulkImportExportBatches.exportId} = ${bulkImportExports.id} AND ${bulkImportExportBatches.filePath} IS NOT NULL)`,
        ),
      ),
    );
  for (const row of expired) {
    await removeRun(row.id, row.runId);
    await db.update(bulkImportExports).set({ filePath: null, fileSize: null }).where(eq(bulkImportExports.id, row.id));
    await db.update(bulkImportExportBatches).set({ filePath: null, fileSize: null }).where(eq(bulkImportExportBatches.exportId, row.id));
  }

  let orphans = 0;
  const directories = (await fs.promises.readdir(exportsRoot()).catch(() => [] as string[])).filter((name) => /^\d+$/.test(name));
  const ids = directories.map(Number);
  const live = ids.length
    ? new Map((await db.select({ id: bulkImportExports.id, runId: bulkImportExports.runId }).from(bulkImportExports).where(inArray(bulkImportExports.id, ids))).map((r) => [r.id, r.runId]))
    : new Map<number, string>();
  for (const id of ids) {
    const runId = live.get(id);
    if (runId === undefined) {
      await fs.promises.rm(path.join(exportsRoot(), String(id)), { recursive: true, force: true });
      orphans += 1;
    } else {
      await removeRuns(id, runId);
    }
  }
  const result = { timedOut: timedOut.length, expired: expired.length, orphans };
  logger.info(result, "export sweep done");
  return result;
}
