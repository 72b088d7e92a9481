import { and, eq, notInArray } from "drizzle-orm";
import { bulkImportEntities, bulkImports, bulkImportTrackers, getDb } from "@/lib/db";
import { notifyImportChanged } from "../notify";
import type { Tx } from "../pipelines";
import { STATUS, TERMINAL, TRACKER_TERMINAL } from "../status";

const now = () => new Date();

export async function notifyEntity(tx: Tx, entityId: number): Promise<void> {
  const [row] = await tx
    .select({ userId: bulkImports.userId, bulkImportId: bulkImports.id })
    .from(bulkImportEntities)
    .innerJoin(bulkImports, eq(bulkImports.id, bulkImportEntities.bulkImportId))
    .where(eq(bulkImportEntities.id, entityId));
  if (row) {
    // Touching the import keeps it out of the stale sweep while any of its entities makes progress.
    await tx.update(bulkImports).set({ updatedAt: now() }).where(eq(bulkImports.id, row.bulkImportId));
    await notifyImportChanged(tx, { ...row, entityId });
  }
}

export async function updateTracker(trackerId: number, changes: Partial<typeof bulkImportTrackers.$inferInsert>, tx?: Tx): Promise<void> {
  const run = async (t: Tx) => {
    const [tracker] = await t
      .update(bulkImportTrackers)
      .set({ ...changes, updatedAt: now() })
      .where(eq(bulkImportTrackers.id, trackerId))
      .returning({ entityId: bulkImportTrackers.entityId });
    if (tracker) {
      await t.update(bulkImportEntities).set({ updatedAt: now() }).where(eq(bulkImportEntities.id, tracker.entityId));
      await notifyEntity(t, tracker.entityId);
    }
  };
  await (tx ? run(tx) : getDb().transaction(run));
}

/** Ends a tracker unless it already ended; returns its entity either way. */
export async function markTrackerEnded(trackerId: number, status: number, extra: Partial<typeof bulkImportTrackers.$inferInsert> = {}): Promise<number | undefined> {
  return getDb().transaction(async (tx) => {
    const [row] = await tx
      .update(bulkImportTrackers)
      .set({ ...extra, status, finishedAt: now(), updatedAt: now() })
      .where(and(eq(bulkImportTrackers.id, trackerId), notInArray(bulkImportTrackers.status, [...TRACKER_TERMINAL])))
      .returning({ entityId: bulkImportTrackers.entityId });
    if (row) {
      await notifyEntity(tx, row.entityId);
      return row.entityId;
    }
    const [existing] = await tx.select({ entityId: bulkImportTrackers.entityId }).from(bulkImportTrackers).where(eq(bulkImportTrackers.id, trackerId));
    return existing?.entityId;
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
  if (updated) await notifyImportChanged(tx, { userId: updated.userId, bulkImportId });
  return true;
}

