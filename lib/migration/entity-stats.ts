import { eq } from "drizzle-orm";
import { bulkImportEntities, bulkImportTrackers, type Tx } from "@/lib/db";
import { findRelationSpec } from "@/lib/relations";
import { TRACKER_STATUS } from "./status";

/** GitLab's entity stats: per relation, what the source said it had, what was downloaded and what was imported. */
export interface RelationCounts {
  source: number;
  fetched: number;
  imported: number;
}

interface TrackerCounts {
  relation: string;
  status: number;
  source: number | null;
  fetched: number;
  imported: number;
}

/** The tracker columns the stats are made of. */
export const TRACKER_COUNTS = {
  relation: bulkImportTrackers.relation,
  status: bulkImportTrackers.status,
  source: bulkImportTrackers.sourceObjectsCount,
  fetched: bulkImportTrackers.fetchedObjectsCount,
  imported: bulkImportTrackers.importedObjectsCount,
};

/** NDJSON and JSON relations (`self` counts as one record): GitLab counts nothing else. */
function carriesRecords(relation: string): boolean {
  const format = findRelationSpec(relation)?.format;
  return format === "ndjson" || format === "json";
}

/**
 * The comparison for the relations that carry records (GitLab counts NDJSON relations only): skipped relations and
 * relations where nothing was counted at all are left out, as GitLab's `stats` leaves them. A relation that failed
 * is always in, whatever its format and however early it failed, with what it did import: a reader must see it.
 */
export function statsFromTrackers(trackers: readonly TrackerCounts[]): Record<string, RelationCounts> {
  const stats: Record<string, RelationCounts> = {};
  for (const tracker of trackers) {
    const failed = tracker.status === TRACKER_STATUS.failed;
    if (!failed && (tracker.status === TRACKER_STATUS.skipped || !carriesRecords(tracker.relation))) continue;
    const counts = { source: tracker.source ?? 0, fetched: tracker.fetched, imported: tracker.imported };
    if (!failed && counts.source === 0 && counts.fetched === 0 && counts.imported === 0) continue;
    stats[tracker.relation] = counts;
  }
  return stats;
}

/**
 * Freezes the comparison on the entity when it ends, so that what an import achieved stays on record (and on the
 * API) even if trackers are later pruned or a relation's counting changes. Runs in the finishing transaction.
 */
export async function snapshotEntityStats(tx: Tx, entityId: number): Promise<void> {
  const trackers = await tx
    .select(TRACKER_COUNTS)
    .from(bulkImportTrackers)
    .where(eq(bulkImportTrackers.entityId, entityId))
    .orderBy(bulkImportTrackers.stage, bulkImportTrackers.id);
  await tx.update(bulkImportEntities).set({ stats: statsFromTrackers(trackers) }).where(eq(bulkImportEntities.id, entityId));
}
