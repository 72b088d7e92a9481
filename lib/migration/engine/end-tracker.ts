import { eq, sql } from "drizzle-orm";
import { bulkImportBatchTrackers, bulkImportEntities, bulkImportTrackers, getDb } from "@/lib/db";
import { STATUS, TRACKER_STATUS, TRACKER_TERMINAL } from "../status";
import { advanceEntity } from "./advance-entity";
import { markTrackerEnded, notifyEntity } from "./progress";

/**
 * Ends a tracker (unless it already ended) and moves its entity on. The next step runs inline rather than through
 * the queue: each queue hop costs a polling interval, and the step is idempotent under the entity's row lock.
 * It runs also when the tracker had already ended, so that a retried job still moves the entity on.
 */
export async function endTracker(trackerId: number, status: number, extra: Partial<typeof bulkImportTrackers.$inferInsert> = {}): Promise<void> {
  const entityId = await markTrackerEnded(trackerId, status, extra);
  if (entityId) await advanceEntity(entityId);
}

/**
 * Sums a batched tracker's batches into it, and ends it once every batch has ended. Sums and write happen under the
 * tracker's row lock: two batches finishing together must not let the earlier, partial sum land last.
 */
export async function settleBatchedTracker(trackerId: number): Promise<void> {
  const settled = await getDb().transaction(async (tx) => {
    const [tracker] = await tx.select({ entityId: bulkImportTrackers.entityId }).from(bulkImportTrackers).where(eq(bulkImportTrackers.id, trackerId));
    if (!tracker) return undefined;
    await tx.update(bulkImportEntities).set({ updatedAt: new Date() }).where(eq(bulkImportEntities.id, tracker.entityId));
    const [locked] = await tx.select({ status: bulkImportTrackers.status }).from(bulkImportTrackers).where(eq(bulkImportTrackers.id, trackerId)).for("update");
    if (!locked || TRACKER_TERMINAL.includes(locked.status)) return { entityId: tracker.entityId };
    const [sums] = await tx
      .select({
        total: sql<number>`count(*)::int`,
        open: sql<number>`count(*) filter (where ${bulkImportBatchTrackers.status} in (${STATUS.created}, ${STATUS.started}))::int`,
        fetched: sql<number>`coalesce(sum(${bulkImportBatchTrackers.fetchedObjectsCount}), 0)::int`,
        imported: sql<number>`coalesce(sum(${bulkImportBatchTrackers.importedObjectsCount}), 0)::int`,
        omitted: sql<number>`coalesce(sum(${bulkImportBatchTrackers.omittedFailuresCount}), 0)::int`,
        failed: sql<number>`count(*) filter (where ${bulkImportBatchTrackers.status} = ${STATUS.failed})::int`,
      })
      .from(bulkImportBatchTrackers)
      .where(eq(bulkImportBatchTrackers.trackerId, trackerId));
    const counts = { fetchedObjectsCount: sums?.fetched ?? 0, importedObjectsCount: sums?.imported ?? 0, omittedFailuresCount: sums?.omitted ?? 0, updatedAt: new Date() };
    const done = Boolean(sums) && sums!.open === 0;
    const status = sums && sums.total > 0 && sums.failed === sums.total ? TRACKER_STATUS.failed : TRACKER_STATUS.finished;
    await tx
      .update(bulkImportTrackers)
      .set(done ? { ...counts, status, finishedAt: new Date() } : counts)
      .where(eq(bulkImportTrackers.id, trackerId));
    await notifyEntity(tx, tracker.entityId);
    return { entityId: tracker.entityId };
  });
  // Also when it had ended already: a retried job must still move the entity on.
  if (settled) await advanceEntity(settled.entityId);
}
