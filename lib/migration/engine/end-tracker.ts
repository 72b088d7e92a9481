import { eq, sql } from "drizzle-orm";
import { bulkImportBatchTrackers, bulkImportEntities, bulkImports, bulkImportTrackers, getDb, preparedQuery, preparedSql } from "@/lib/db";
import { IMPORT_EVENTS_CHANNEL, type ImportEvent } from "../notify";
import { STATUS, TRACKER_STATUS, TRACKER_TERMINAL } from "../status";
import { pipelineFor } from "../pipelines";
import { advanceEntity } from "./advance-entity";
import { portableOf } from "./context";
import { markTrackerEnded, notifyEntity, touchEntity } from "./progress";

/**
 * Ends a tracker (unless it already ended) and moves its entity on. The next step runs inline rather than through
 * the queue: each queue hop costs a polling interval, and the step is idempotent under the entity's row lock.
 * It runs also when the tracker had already ended, so that a retried job still moves the entity on.
 */
export async function endTracker(trackerId: number, status: number, extra: Partial<typeof bulkImportTrackers.$inferInsert> = {}): Promise<void> {
  const entityId = await markTrackerEnded(trackerId, status, extra);
  if (entityId) await advanceEntity(entityId);
}

/** How often a running relation's batches may report progress on the entity: one touch per entity per interval. */
const PROGRESS_EVERY = sql`interval '2 seconds'`;

const batches = bulkImportBatchTrackers;
const sums = {
  fetched: sql<number>`coalesce(sum(${batches.fetchedObjectsCount}), 0)::int`,
  imported: sql<number>`coalesce(sum(${batches.importedObjectsCount}), 0)::int`,
  omitted: sql<number>`coalesce(sum(${batches.omittedFailuresCount}), 0)::int`,
};

/**
 * A tracker's batches still to end. Read in a statement of its own after the batch's end committed (never in the
 * statement that ends it): of two last batches ending at once, each statement's snapshot could still see the other
 * open, and neither would settle the tracker.
 */
const openBatches = sql<number>`(SELECT count(*)::int FROM ${batches} WHERE ${batches.trackerId} = ${bulkImportTrackers.id} AND ${batches.status} IN (${STATUS.created}, ${STATUS.started}))`;

/**
 * After a batch ended: while others are still open, report progress now and then (no lock on the entity or the
 * tracker that a batch would wait for); once none is left, end the tracker with the sums of its batches, run the
 * pipeline's `finish` in the same transaction, and move the entity on. Only the tracker's row is held while `finish`
 * runs (it can take seconds: linking epics, writing merge request refs): the entity's other relations go on ending.
 */
export async function settleBatchedTracker(trackerId: number): Promise<void> {
  const [state] = await trackerStateStatement().execute({ trackerId });
  if (!state) return;
  if (!TRACKER_TERMINAL.includes(state.status) && state.open > 0) return reportProgress(trackerId, { userId: state.userId, bulkImportId: state.bulkImportId, entityId: state.entityId });
  const settled = await getDb().transaction(async (tx) => {
    const [row] = await tx
      .select({ entityId: bulkImportTrackers.entityId, relation: bulkImportTrackers.relation, sourceType: bulkImportEntities.sourceType, bulkImportId: bulkImportEntities.bulkImportId })
      .from(bulkImportTrackers)
      .innerJoin(bulkImportEntities, eq(bulkImportEntities.id, bulkImportTrackers.entityId))
      .where(eq(bulkImportTrackers.id, trackerId));
    if (!row) return undefined;
    const [locked] = await tx.select({ status: bulkImportTrackers.status }).from(bulkImportTrackers).where(eq(bulkImportTrackers.id, trackerId)).for("update");
    // Also when it had ended already: a retried job must still move the entity on.
    if (!locked || TRACKER_TERMINAL.includes(locked.status)) return row.entityId;
    const [total] = await tx
      .select({
        ...sums,
        all: sql<number>`count(*)::int`,
        open: sql<number>`count(*) filter (where ${batches.status} in (${STATUS.created}, ${STATUS.started}))::int`,
        failed: sql<number>`count(*) filter (where ${batches.status} = ${STATUS.failed})::int`,
      })
      .from(batches)
      .where(eq(batches.trackerId, trackerId));
    if (!total || total.open > 0) return undefined;
    const status = total.all > 0 && total.failed === total.all ? TRACKER_STATUS.failed : TRACKER_STATUS.finished;
    const pipeline = pipelineFor(portableOf(row.sourceType), row.relation);
    if (pipeline?.kind === "ndjson" && pipeline.finish) await pipeline.finish(tx, { entityId: row.entityId, bulkImportId: row.bulkImportId });
    await tx
      .update(bulkImportTrackers)
      .set({ fetchedObjectsCount: total.fetched, importedObjectsCount: total.imported, omittedFailuresCount: total.omitted, status, finishedAt: new Date(), updatedAt: new Date() })
      .where(eq(bulkImportTrackers.id, trackerId));
    await notifyEntity(tx, row.entityId);
    await touchEntity(tx, row.entityId);
    return row.entityId;
  });
  if (settled) await advanceEntity(settled);
}

const trackerStateStatement = preparedQuery((db) =>
  db
    .select({ entityId: bulkImportTrackers.entityId, status: bulkImportTrackers.status, userId: bulkImports.userId, bulkImportId: bulkImports.id, open: openBatches })
    .from(bulkImportTrackers)
    .innerJoin(bulkImportEntities, eq(bulkImportEntities.id, bulkImportTrackers.entityId))
    .innerJoin(bulkImports, eq(bulkImports.id, bulkImportEntities.bulkImportId))
    .where(eq(bulkImportTrackers.id, sql.placeholder("trackerId")))
    .prepare("ferry_tracker_state"),
);

/**
 * A running relation's progress for the pages and the stale sweep: the tracker's sums and the entity's `updated_at`,
 * at most once per entity every two seconds. The batch that comes first takes the entity row (SKIP LOCKED) and the
 * others go on at once: a batch never waits on another's progress report. One statement (it runs after every batch):
 * the entity touched, the sums written and listeners told only when the report is due.
 */
export async function reportProgress(trackerId: number, event: Required<ImportEvent>): Promise<void> {
  await reportProgressStatement({ trackerId, entityId: event.entityId, event: JSON.stringify(event) });
}

const entities = bulkImportEntities;
const trackers = bulkImportTrackers;
const column = (c: { name: string }) => sql.identifier(c.name);
const reportProgressStatement = preparedSql(
  "ferry_report_progress",
  sql`
    WITH due AS (
      UPDATE ${entities} SET ${column(entities.updatedAt)} = now()
      WHERE ${entities.id} = (
        SELECT ${entities.id} FROM ${entities}
        WHERE ${entities.id} = ${sql.placeholder("entityId")} AND ${entities.updatedAt} < now() - ${PROGRESS_EVERY}
        FOR UPDATE SKIP LOCKED
      )
      RETURNING ${entities.id}
    ),
    total AS (
      SELECT ${sums.fetched} AS fetched, ${sums.imported} AS imported, ${sums.omitted} AS omitted
      FROM ${batches} WHERE ${batches.trackerId} = ${sql.placeholder("trackerId")} AND EXISTS (SELECT FROM due)
    ),
    tracker AS (
      UPDATE ${trackers}
      SET ${column(trackers.fetchedObjectsCount)} = total.fetched, ${column(trackers.importedObjectsCount)} = total.imported,
          ${column(trackers.omittedFailuresCount)} = total.omitted, ${column(trackers.updatedAt)} = now()
      FROM total, due
      WHERE ${trackers.id} = ${sql.placeholder("trackerId")} AND ${trackers.status} NOT IN (${sql.raw(TRACKER_TERMINAL.join(", "))})
    )
    SELECT pg_notify(${IMPORT_EVENTS_CHANNEL}, ${sql.placeholder("event")}) FROM due`,
);
