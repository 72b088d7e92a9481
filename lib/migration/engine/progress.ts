import { and, eq, notInArray, sql } from "drizzle-orm";
import { bulkImportEntities, bulkImports, bulkImportTrackers, getDb, type Tx } from "@/lib/db";
import { followBulkImport } from "../file-import/relation-import-status";
import { notifyImportChanged } from "../notify";
import { STATUS, TERMINAL, TRACKER_TERMINAL } from "../status";

const now = () => new Date();

/*
 * Lock order, everywhere: import, then entity, then tracker, then batch (cancel and finish take them in that order
 * too). Progress updates never lock the import row: the stale sweep reads the entities' updated_at instead. They
 * never wait for the entity row either (touchEntity), so they may touch it after taking a tracker's lock.
 */

/** Tells listeners (inside the caller's transaction, so only once committed) that an entity changed. */
export async function notifyEntity(tx: Tx, entityId: number): Promise<void> {
  const [row] = await tx
    .select({ userId: bulkImports.userId, bulkImportId: bulkImports.id })
    .from(bulkImportEntities)
    .innerJoin(bulkImports, eq(bulkImports.id, bulkImportEntities.bulkImportId))
    .where(eq(bulkImportEntities.id, entityId));
  if (row) await notifyImportChanged(tx, { ...row, entityId });
}

async function entityOfTracker(tx: Tx, trackerId: number): Promise<number | undefined> {
  const [row] = await tx.select({ entityId: bulkImportTrackers.entityId }).from(bulkImportTrackers).where(eq(bulkImportTrackers.id, trackerId));
  return row?.entityId;
}

/**
 * Notes progress on the entity (its updated_at is what the nudge and the stale sweep look at), unless another
 * transaction holds its row: that one is moving the entity (advancing, ending, cancelling, or noting progress itself),
 * which is progress enough. Waiting there made every relation of an entity queue behind the one whose end ran a long
 * `finish`, and a second worker slowed imports down. Never waiting also keeps the lock order safe when the touch
 * comes after a tracker's lock; it comes last, so the row is held only until the commit.
 */
export async function touchEntity(tx: Tx, entityId: number): Promise<void> {
  const free = sql`(SELECT ${bulkImportEntities.id} FROM ${bulkImportEntities} WHERE ${bulkImportEntities.id} = ${entityId} FOR UPDATE SKIP LOCKED)`;
  await tx.update(bulkImportEntities).set({ updatedAt: now() }).where(sql`${bulkImportEntities.id} = ${free}`);
}

export async function updateTracker(trackerId: number, changes: Partial<typeof bulkImportTrackers.$inferInsert>, tx?: Tx): Promise<void> {
  const run = async (t: Tx) => {
    const entityId = await entityOfTracker(t, trackerId);
    if (entityId === undefined) return;
    // An ended tracker keeps what it ended with: a late write from a slower job must not change it.
    await t
      .update(bulkImportTrackers)
      .set({ ...changes, updatedAt: now() })
      .where(and(eq(bulkImportTrackers.id, trackerId), notInArray(bulkImportTrackers.status, [...TRACKER_TERMINAL])));
    await notifyEntity(t, entityId);
    await touchEntity(t, entityId);
  };
  await (tx ? run(tx) : getDb().transaction(run));
}

/** Ends a tracker unless it already ended; returns its entity either way. */
export async function markTrackerEnded(trackerId: number, status: number, extra: Partial<typeof bulkImportTrackers.$inferInsert> = {}): Promise<number | undefined> {
  return getDb().transaction(async (tx) => {
    const entityId = await entityOfTracker(tx, trackerId);
    if (entityId === undefined) return undefined;
    const [row] = await tx
      .update(bulkImportTrackers)
      .set({ ...extra, status, finishedAt: now(), updatedAt: now() })
      .where(and(eq(bulkImportTrackers.id, trackerId), notInArray(bulkImportTrackers.status, [...TRACKER_TERMINAL])))
      .returning({ id: bulkImportTrackers.id });
    if (row) await notifyEntity(tx, entityId);
    await touchEntity(tx, entityId);
    return entityId;
  });
}

/** Ends an import once all its entities have: failed if they all failed, has_failures if any has. */
export async function finishImportIfDone(tx: Tx, bulkImportId: number): Promise<boolean> {
  const entities = await tx.select({ status: bulkImportEntities.status, hasFailures: bulkImportEntities.hasFailures }).from(bulkImportEntities).where(eq(bulkImportEntities.bulkImportId, bulkImportId));
  if (entities.length === 0 || entities.some((e) => !TERMINAL.includes(e.status))) return false;
  const status = entities.every((e) => e.status === STATUS.failed) ? STATUS.failed : STATUS.finished;
  const [updated] = await tx
    .update(bulkImports)
    .set({ status, hasFailures: entities.some((e) => e.hasFailures || e.status !== STATUS.finished), updatedAt: now() })
    .where(and(eq(bulkImports.id, bulkImportId), notInArray(bulkImports.status, [...TERMINAL])))
    .returning({ userId: bulkImports.userId });
  if (updated) {
    await followBulkImport(tx, bulkImportId, status);
    await notifyImportChanged(tx, { userId: updated.userId, bulkImportId });
  }
  return true;
}

