import { and, eq, notInArray } from "drizzle-orm";
import { bulkImportEntities, bulkImports, bulkImportTrackers, getDb, type Tx } from "@/lib/db";
import { followBulkImport } from "../file-import/relation-import-status";
import { notifyImportChanged } from "../notify";
import { STATUS, TERMINAL, TRACKER_TERMINAL } from "../status";

const now = () => new Date();

/*
 * Lock order, everywhere: import, then entity, then tracker, then batch (cancel and finish take them in that order
 * too). Progress updates never lock the import row: the stale sweep reads the entities' updated_at instead.
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

/** Touches the entity (its updated_at is the progress the stale sweep looks at) before the tracker: the lock order. */
async function touchEntity(tx: Tx, entityId: number): Promise<void> {
  await tx.update(bulkImportEntities).set({ updatedAt: now() }).where(eq(bulkImportEntities.id, entityId));
}

export async function updateTracker(trackerId: number, changes: Partial<typeof bulkImportTrackers.$inferInsert>, tx?: Tx): Promise<void> {
  const run = async (t: Tx) => {
    const entityId = await entityOfTracker(t, trackerId);
    if (entityId === undefined) return;
    await touchEntity(t, entityId);
    // An ended tracker keeps what it ended with: a late write from a slower job must not change it.
    await t
      .update(bulkImportTrackers)
      .set({ ...changes, updatedAt: now() })
      .where(and(eq(bulkImportTrackers.id, trackerId), notInArray(bulkImportTrackers.status, [...TRACKER_TERMINAL])));
    await notifyEntity(t, entityId);
  };
  await (tx ? run(tx) : getDb().transaction(run));
}

/** Ends a tracker unless it already ended; returns its entity either way. */
export async function markTrackerEnded(trackerId: number, status: number, extra: Partial<typeof bulkImportTrackers.$inferInsert> = {}): Promise<number | undefined> {
  return getDb().transaction(async (tx) => {
    const entityId = await entityOfTracker(tx, trackerId);
    if (entityId === undefined) return undefined;
    await touchEntity(tx, entityId);
    const [row] = await tx
      .update(bulkImportTrackers)
      .set({ ...extra, status, finishedAt: now(), updatedAt: now() })
      .where(and(eq(bulkImportTrackers.id, trackerId), notInArray(bulkImportTrackers.status, [...TRACKER_TERMINAL])))
      .returning({ id: bulkImportTrackers.id });
    if (row) await notifyEntity(tx, entityId);
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

