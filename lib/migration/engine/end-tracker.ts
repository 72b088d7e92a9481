import { eq, sql } from "drizzle-orm";
import { bulkImportBatchTrackers, bulkImportTrackers, getDb } from "@/lib/db";
import { STATUS, TRACKER_STATUS } from "../status";
import { advanceEntity } from "./advance-entity";
import { markTrackerEnded, updateTracker } from "./progress";

/**
 * Ends a tracker (unless it already ended) and moves its entity on. The next step runs inline rather than through
 * the queue: each queue hop costs a polling interval, and the step is idempotent under the entity's row lock.
 * It runs also when the tracker had already ended, so that a retried job still moves the entity on.
 */
export async function endTracker(trackerId: number, status: number, extra: Partial<typeof bulkImportTrackers.$inferInsert> = {}): Promise<void> {
  const entityId = await markTrackerEnded(trackerId, status, extra);
  if (entityId) await advanceEntity(entityId);
}

/** Sums a batched tracker's batches into it; ends it when every batch has ended. */
export async function settleBatchedTracker(trackerId: number): Promise<void> {
  const [sums] = await getDb()
    .select({
      total: sql<number>`count(*)::int`,
      open: sql<number>`count(*) filter (where ${bulkImportBatchTrackers.status} in (${STATUS.created}, ${STATUS.started}))::int`,
      fetched: sql<number>`coalesce(sum(${bulkImportBatchTrackers.fetchedObjectsCount}), 0)::int`,
      imported: sql<number>`coalesce(sum(${bulkImportBatchTrackers.importedObjectsCount}), 0)::int`,
      failed: sql<number>`count(*) filter (where ${bulkImportBatchTrackers.status} = ${STATUS.failed})::int`,
    })
    .from(bulkImportBatchTrackers)
    .where(eq(bulkImportBatchTrackers.trackerId, trackerId));
  const counts = { fetchedObjectsCount: sums?.fetched ?? 0, importedObjectsCount: sums?.imported ?? 0 };
  if (!sums || sums.open > 0) {
    await updateTracker(trackerId, counts);
    return;
  }
  const allFailed = sums.total > 0 && sums.failed === sums.total;
  await endTracker(trackerId, allFailed ? TRACKER_STATUS.failed : TRACKER_STATUS.finished, counts);
}

