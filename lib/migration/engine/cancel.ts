import { and, eq, inArray, lt, notInArray, sql } from "drizzle-orm";
import { bulkImportBatchTrackers, bulkImportEntities, bulkImports, bulkImportTrackers, getDb, type Tx } from "@/lib/db";
import { followBulkImport } from "../file-import/relation-import-status";
import { notifyImportChanged } from "../notify";
import { FILE_IMPORT_SOURCE_TYPE } from "./context";
import { STATUS, TERMINAL, TRACKER_STATUS, TRACKER_TERMINAL } from "../status";

/** Ends every unfinished part of an import with one status: its pending jobs then find nothing to do. */
async function endImport(tx: Tx, bulkImportId: number, status: typeof STATUS.canceled | typeof STATUS.timeout): Promise<number> {
  const trackerStatus = status === STATUS.canceled ? TRACKER_STATUS.canceled : TRACKER_STATUS.timeout;
  const now = new Date();
  const entities = await tx
    .update(bulkImportEntities)
    .set({ status, finishedAt: now, updatedAt: now })
    .where(and(eq(bulkImportEntities.bulkImportId, bulkImportId), notInArray(bulkImportEntities.status, [...TERMINAL])))
    .returning({ id: bulkImportEntities.id });
  const all = await tx.select({ id: bulkImportEntities.id }).from(bulkImportEntities).where(eq(bulkImportEntities.bulkImportId, bulkImportId));
  if (all.length > 0) {
    const trackers = await tx
      .update(bulkImportTrackers)
      .set({ status: trackerStatus, finishedAt: now, updatedAt: now })
      .where(and(inArray(bulkImportTrackers.entityId, all.map((e) => e.id)), notInArray(bulkImportTrackers.status, [...TRACKER_TERMINAL])))
      .returning({ id: bulkImportTrackers.id });
    if (trackers.length > 0) {
      await tx
        .update(bulkImportBatchTrackers)
        .set({ status, updatedAt: now })
        .where(and(inArray(bulkImportBatchTrackers.trackerId, trackers.map((t) => t.id)), inArray(bulkImportBatchTrackers.status, [STATUS.created, STATUS.started])));
    }
  }
  // A remote file import that had not fetched its archive yet has no more use for the URL it sealed.
  const seal = sql`CASE WHEN ${bulkImports.sourceType} = ${FILE_IMPORT_SOURCE_TYPE} THEN '' ELSE ${bulkImports.tokenCiphertext} END`;
  const [updated] = await tx.update(bulkImports).set({ status, tokenCiphertext: seal, updatedAt: now }).where(eq(bulkImports.id, bulkImportId)).returning({ userId: bulkImports.userId });
  if (updated) {
    await followBulkImport(tx, bulkImportId, status);
    await notifyImportChanged(tx, { userId: updated.userId, bulkImportId });
  }
  return entities.length;
}

/** Cancels a running import of the user (admins: anyone's). False when there is nothing to cancel. */
export async function cancelBulkImport(user: { id: number; isAdmin: boolean }, bulkImportId: number): Promise<boolean> {
  return getDb().transaction(async (tx) => {
    const [bulkImport] = await tx.select().from(bulkImports).where(eq(bulkImports.id, bulkImportId)).for("update");
    if (!bulkImport || (bulkImport.userId !== user.id && !user.isAdmin) || TERMINAL.includes(bulkImport.status)) return false;
    await endImport(tx, bulkImportId, STATUS.canceled);
    return true;
  });
}

/** The latest progress of an import: its own row or any of its entities (progress updates touch only those). */
export const lastProgress = sql`greatest(${bulkImports.updatedAt}, (SELECT max(${bulkImportEntities.updatedAt}) FROM ${bulkImportEntities} WHERE ${bulkImportEntities.bulkImportId} = ${bulkImports.id}))`;

/**
 * Imports that made no progress since `before` end as timeout (GitLab's StaleImportWorker). Returns entities ended.
 * Housekeeping sweeps every import; `scope.bulkImportIds` limits the sweep to those imports (tests share one
 * database and must end only their own).
 */
export async function timeoutStaleImports(before: Date, scope: { bulkImportIds?: readonly number[] } = {}): Promise<number> {
  if (scope.bulkImportIds?.length === 0) return 0;
  const stale = await getDb()
    .select({ id: bulkImports.id })
    .from(bulkImports)
    .where(
      and(
        inArray(bulkImports.status, [STATUS.created, STATUS.started]),
        lt(lastProgress, before),
        scope.bulkImportIds ? inArray(bulkImports.id, [...scope.bulkImportIds]) : undefined,
      ),
    );
  let ended = 0;
  for (const { id } of stale) {
    ended += await getDb().transaction(async (tx) => {
      // Checked again under the lock, in SQL: the import may have moved since the sweep looked.
      const [row] = await tx.select({ status: bulkImports.status, stale: sql<boolean>`${lastProgress} < ${before}` }).from(bulkImports).where(eq(bulkImports.id, id)).for("update");
      if (!row || TERMINAL.includes(row.status) || !row.stale) return 0;
      return endImport(tx, id, STATUS.timeout);
    });
  }
  return ended;
}
