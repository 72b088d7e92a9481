import { asc, eq, inArray } from "drizzle-orm";
import { bulkImportBatchTrackers, bulkImportEntities, bulkImports, getDb, users } from "@/lib/db";
import type { Viewer } from "@/lib/viewer";
import { humanStatus, statusName, type HumanStatus, type StatusName } from "../status";
import { entitySummaryQuery, toEntitySummary, type EntitySummary } from "./entity-summary";
import { entityProgress, type EntityProgress } from "./progress";
import { toRelationStats, trackersByEntity, type RelationStats } from "./relation-stats";
import { canOpen, validId } from "./visibility";

export interface BatchTiming {
  id: number;
  batchNumber: number;
  status: number;
  statusName: StatusName;
  imported: number;
  fetched: number;
  startedAt: Date | null;
  finishedAt: Date | null;
}

export interface TrackerDetails extends RelationStats {
  batches: BatchTiming[];
}

export interface EntityDetails extends EntitySummary {
  progress: EntityProgress;
  trackers: TrackerDetails[];
}

export interface BulkImportDetails {
  id: number;
  userId: number;
  username: string;
  sourceUrl: string;
  sourceVersion: string;
  status: number;
  statusName: StatusName;
  humanStatus: HumanStatus;
  hasFailures: boolean;
  createdAt: Date;
  updatedAt: Date;
  /** The whole import: every tracker of every entity. */
  progress: EntityProgress;
  entities: EntityDetails[];
}

const b = bulkImports;
const e = bulkImportEntities;

async function batchesByTracker(trackerIds: number[]): Promise<Map<number, BatchTiming[]>> {
  const batches = new Map<number, BatchTiming[]>();
  if (trackerIds.length === 0) return batches;
  const bt = bulkImportBatchTrackers;
  const rows = await getDb().select().from(bt).where(inArray(bt.trackerId, trackerIds)).orderBy(asc(bt.trackerId), asc(bt.batchNumber));
  for (const row of rows) {
    const timing: BatchTiming = {
      id: row.id,
      batchNumber: row.batchNumber,
      status: row.status,
      statusName: statusName(row.status),
      imported: row.importedObjectsCount,
      fetched: row.fetchedObjectsCount,
      startedAt: row.startedAt,
      finishedAt: row.finishedAt,
    };
    const list = batches.get(row.trackerId);
    if (list) list.push(timing);
    else batches.set(row.trackerId, [timing]);
  }
  return batches;
}

/** One import with its entities, trackers and batches: what the timeline draws. Four queries whatever its size. */
export async function getBulkImportDetails(viewer: Viewer, bulkImportId: number): Promise<BulkImportDetails | undefined> {
  if (!validId(bulkImportId)) return undefined;
  const [bulkImport] = await getDb()
    .select({
      id: b.id,
      userId: b.userId,
      username: users.username,
      sourceUrl: b.sourceUrl,
      sourceVersion: b.sourceVersion,
      status: b.status,
      hasFailures: b.hasFailures,
      createdAt: b.createdAt,
      updatedAt: b.updatedAt,
    })
    .from(b)
    .innerJoin(users, eq(users.id, b.userId))
    .where(eq(b.id, bulkImportId))
    .limit(1);
  if (!bulkImport || !canOpen(viewer, bulkImport.userId)) return undefined;
  const rows = await entitySummaryQuery().where(eq(e.bulkImportId, bulkImportId)).orderBy(asc(e.id));
  const trackers = await trackersByEntity(rows.map((r) => r.id));
  const batches = await batchesByTracker([...trackers.values()].flat().map((t) => t.id));
  const entities = rows.map((row): EntityDetails => {
    const list = (trackers.get(row.id) ?? []).map((t): TrackerDetails => ({ ...toRelationStats(t), batches: batches.get(t.id) ?? [] }));
    return { ...toEntitySummary(row), progress: entityProgress(list), trackers: list };
  });
  const hasFailures = bulkImport.hasFailures || entities.some((x) => x.hasFailures);
  return {
    ...bulkImport,
    statusName: statusName(bulkImport.status),
    humanStatus: humanStatus(bulkImport.status, hasFailures),
    hasFailures,
    progress: entityProgress(entities.flatMap((x) => x.trackers)),
    entities,
  };
}
