import { asc, getTableColumns, inArray, sql } from "drizzle-orm";
import { bulkImportFailures, bulkImportTrackers, getDb } from "@/lib/db";
import { relationLabel } from "@/lib/relations";
import { TRACKER_STATUS, trackerStatusName, type HumanStatus, type TrackerStatusName } from "../status";

export type TrackerHumanStatus = HumanStatus | "Skipped";

/** One relation (tracker) of an entity, as the history and details pages show it. */
export interface RelationStats {
  trackerId: number;
  relation: string;
  label: string;
  stage: number;
  status: number;
  statusName: TrackerStatusName;
  humanStatus: TrackerHumanStatus;
  batched: boolean;
  imported: number;
  fetched: number;
  /** What the source said it exported; null when it did not say. */
  source: number | null;
  message: string | null;
  startedAt: Date | null;
  finishedAt: Date | null;
  /** Done, yet fewer (or more) records were imported than the source had: worth a look. */
  mismatch: boolean;
  /** Failure records of this relation: what explains a mismatch. */
  failures: number;
}

export function trackerHumanStatus(status: number): TrackerHumanStatus {
  switch (status) {
    case TRACKER_STATUS.created:
    case TRACKER_STATUS.enqueued:
      return "Pending";
    case TRACKER_STATUS.started:
      return "Importing…";
    case TRACKER_STATUS.finished:
      return "Complete";
    case TRACKER_STATUS.timeout:
      return "Timeout";
    case TRACKER_STATUS.skipped:
      return "Skipped";
    case TRACKER_STATUS.canceled:
      return "Cancelled";
    default:
      return "Failed";
  }
}

const MISMATCH_STATES: readonly number[] = [TRACKER_STATUS.finished, TRACKER_STATUS.failed, TRACKER_STATUS.timeout, TRACKER_STATUS.canceled];

/** A tracker with the number of failure records of its relation (counted in the same query). */
export type TrackerRow = typeof bulkImportTrackers.$inferSelect & { failures: number };

export function toRelationStats(t: TrackerRow): RelationStats {
  const expected = t.sourceObjectsCount ?? t.fetchedObjectsCount;
  return {
    trackerId: t.id,
    relation: t.relation,
    label: relationLabel(t.relation),
    stage: t.stage,
    status: t.status,
    statusName: trackerStatusName(t.status),
    humanStatus: trackerHumanStatus(t.status),
    batched: t.batched,
    imported: t.importedObjectsCount,
    fetched: t.fetchedObjectsCount,
    source: t.sourceObjectsCount,
    message: t.message,
    startedAt: t.startedAt,
    finishedAt: t.finishedAt,
    mismatch: MISMATCH_STATES.includes(t.status) && expected !== t.importedObjectsCount,
    failures: t.failures,
  };
}

/** The trackers of all the given entities in one query, in stage order, each with its relation's failure count. */
export async function trackersByEntity(entityIds: number[]): Promise<Map<number, TrackerRow[]>> {
  const byEntity = new Map<number, TrackerRow[]>();
  if (entityIds.length === 0) return byEntity;
  const t = bulkImportTrackers;
  const f = bulkImportFailures;
  const rows = await getDb()
    .select({
      ...getTableColumns(t),
      // Qualified by hand: inside a subquery drizzle leaves column names bare, and both tables have these columns.
      // With the bad records past the cap, counted but not stored.
      failures: sql<number>`(SELECT count(*)::int FROM ${f} AS fl WHERE fl.bulk_import_entity_id = ${t}.bulk_import_entity_id AND fl.relation = ${t}.relation) + ${t}.omitted_failures_count`,
    })
    .from(t)
    .where(inArray(t.entityId, entityIds))
    .orderBy(asc(t.entityId), asc(t.stage), asc(t.id));
  for (const row of rows) {
    const list = byEntity.get(row.entityId);
    if (list) list.push(row);
    else byEntity.set(row.entityId, [row]);
  }
  return byEntity;
}
