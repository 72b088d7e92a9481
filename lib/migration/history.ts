import { and, asc, desc, eq, getTableColumns, inArray, sql, type SQL } from "drizzle-orm";
import { bulkImportBatchTrackers, bulkImportEntities, bulkImportFailures, bulkImports, bulkImportTrackers, getDb, groups, users } from "@/lib/db";
import { humanStatus, statusName, TRACKER_STATUS, TRACKER_TERMINAL, trackerStatusName, type HumanStatus, type StatusName, type TrackerStatusName } from "./status";
import { relationLabel } from "@/lib/relations";

/**
 * Read side of direct transfer for the history, failures and details pages and the realtime endpoint. Users see only
 * their own imports; administrators see their own unless they ask for everyone's (`all`), and may open any import.
 * Every list is one query for its rows (with the total) plus at most one per level below it for the whole page.
 */

export interface Viewer {
  id: number;
  isAdmin: boolean;
}

export type TrackerHumanStatus = HumanStatus | "Skipped";

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

export interface EntityProgress {
  relationsDone: number;
  relationsTotal: number;
  imported: number;
  source: number | null;
  /** 0-100: finished relations count whole, a running one by imported / source. */
  percent: number;
}

export interface HistoryEntity {
  id: number;
  bulkImportId: number;
  parentId: number | null;
  userId: number;
  username: string;
  sourceType: "group" | "project";
  sourceFullPath: string;
  /** The source instance, as the import was configured. */
  sourceInstanceUrl: string;
  /** The group or project on the source instance. */
  sourceWebUrl: string;
  /** The created group's full path, or where it will be created while it is not yet. */
  destinationFullPath: string;
  destinationGroupId: number | null;
  status: number;
  statusName: StatusName;
  humanStatus: HumanStatus;
  hasFailures: boolean;
  /** Capped at FAILURE_COUNT_CAP: the page says "1000+" rather than counting a million rows. */
  failuresCount: number;
  bulkImportStatus: number;
  createdAt: Date;
  startedAt: Date | null;
  finishedAt: Date | null;
  updatedAt: Date;
  relations: RelationStats[];
  progress: EntityProgress;
}

export interface Page<T> {
  rows: T[];
  total: number;
  page: number;
  perPage: number;
  totalPages: number;
}

export interface PageOptions {
  page?: number;
  perPage?: number;
}

export const FAILURE_COUNT_CAP = 1000;
const MAX_PER_PAGE = 100;

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

export function entityProgress(relations: readonly Pick<RelationStats, "status" | "imported" | "source">[]): EntityProgress {
  let done = 0;
  let fraction = 0;
  let imported = 0;
  let source: number | null = null;
  for (const r of relations) {
    imported += r.imported;
    if (r.source !== null) source = (source ?? 0) + r.source;
    if (TRACKER_TERMINAL.includes(r.status)) {
      done += 1;
      fraction += 1;
    } else if (r.status === TRACKER_STATUS.started && r.source) {
      fraction += Math.min(1, r.imported / r.source);
    }
  }
  const total = relations.length;
  return { relationsDone: done, relationsTotal: total, imported, source, percent: total ? Math.floor((fraction / total) * 100) : 0 };
}

const MISMATCH_STATES: readonly number[] = [TRACKER_STATUS.finished, TRACKER_STATUS.failed, TRACKER_STATUS.timeout, TRACKER_STATUS.canceled];

/** A tracker with the number of failure records of its relation (counted in the same query). */
type TrackerRow = typeof bulkImportTrackers.$inferSelect & { failures: number };

function toRelationStats(t: TrackerRow): RelationStats {
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

function clampPage(options: PageOptions, fallbackPerPage = 20): { page: number; perPage: number } {
  const page = Math.max(1, Math.floor(Number(options.page) || 1));
  const perPage = Math.min(MAX_PER_PAGE, Math.max(1, Math.floor(Number(options.perPage) || fallbackPerPage)));
  return { page, perPage };
}

const pageOf = <T>(rows: T[], total: number, page: number, perPage: number): Page<T> => ({ rows, total, page, perPage, totalPages: Math.ceil(total / perPage) });

const e = bulkImportEntities;
const b = bulkImports;

const entityColumns = {
  id: e.id,
  bulkImportId: e.bulkImportId,
  parentId: e.parentId,
  sourceType: e.sourceType,
  sourceFullPath: e.sourceFullPath,
  destinationSlug: e.destinationSlug,
  destinationNamespace: e.destinationNamespace,
  namespaceId: e.namespaceId,
  status: e.status,
  hasFailures: e.hasFailures,
  createdAt: e.createdAt,
  startedAt: e.startedAt,
  finishedAt: e.finishedAt,
  updatedAt: e.updatedAt,
  bulkImportStatus: b.status,
  sourceUrl: b.sourceUrl,
  userId: b.userId,
  username: users.username,
  groupId: groups.id,
  groupFullPath: groups.fullPath,
  // The index on (entity_id, created_at) makes this a short index scan, stopped at the cap.
  failuresCount: sql<number>`(SELECT count(*)::int FROM (SELECT 1 FROM ${bulkImportFailures} WHERE ${bulkImportFailures.entityId} = ${e.id} LIMIT ${FAILURE_COUNT_CAP}) AS capped)`,
  /** The size of the whole list, so that a page and its total come from one query. */
  total: sql<number>`(count(*) OVER ())::int`,
};

function entitiesQuery() {
  return getDb().select(entityColumns).from(e).innerJoin(b, eq(b.id, e.bulkImportId)).innerJoin(users, eq(users.id, b.userId)).leftJoin(groups, eq(groups.id, e.namespaceId));
}

type EntityRow = Awaited<ReturnType<typeof entitiesQuery>>[number];

export function sourceWebUrl(instanceUrl: string, fullPath: string): string {
  return `${instanceUrl.replace(/\/+$/, "")}/${fullPath}`;
}

export type HistoryEntitySummary = Omit<HistoryEntity, "relations" | "progress">;

function toEntitySummary(row: EntityRow): HistoryEntitySummary {
  const hasFailures = row.hasFailures || row.failuresCount > 0;
  const planned = row.destinationNamespace ? `${row.destinationNamespace}/${row.destinationSlug}` : row.destinationSlug;
  return {
    id: row.id,
    bulkImportId: row.bulkImportId,
    parentId: row.parentId,
    userId: row.userId,
    username: row.username,
    sourceType: row.sourceType === "project_entity" ? "project" : "group",
    sourceFullPath: row.sourceFullPath,
    sourceInstanceUrl: row.sourceUrl,
    sourceWebUrl: sourceWebUrl(row.sourceUrl, row.sourceFullPath),
    destinationFullPath: row.groupFullPath ?? planned,
    destinationGroupId: row.groupId,
    status: row.status,
    statusName: statusName(row.status),
    humanStatus: humanStatus(row.status, hasFailures),
    hasFailures,
    failuresCount: row.failuresCount,
    bulkImportStatus: row.bulkImportStatus,
    createdAt: row.createdAt,
    startedAt: row.startedAt,
    finishedAt: row.finishedAt,
    updatedAt: row.updatedAt,
  };
}

function toHistoryEntity(row: EntityRow, relations: RelationStats[]): HistoryEntity {
  return { ...toEntitySummary(row), relations, progress: entityProgress(relations) };
}

async function trackersByEntity(entityIds: number[]): Promise<Map<number, TrackerRow[]>> {
  const byEntity = new Map<number, TrackerRow[]>();
  if (entityIds.length === 0) return byEntity;
  const t = bulkImportTrackers;
  const f = bulkImportFailures;
  const rows = await getDb()
    .select({
      ...getTableColumns(t),
      // Qualified by hand: inside a subquery drizzle leaves column names bare, and both tables have these columns.
      failures: sql<number>`(SELECT count(*)::int FROM ${f} AS fl WHERE fl.bulk_import_entity_id = ${t}.bulk_import_entity_id AND fl.relation = ${t}.relation)`,
    })
    .from(t)
    .where(inArray(t.entityId, entityIds))
    .orderBy(asc(bulkImportTrackers.entityId), asc(bulkImportTrackers.stage), asc(bulkImportTrackers.id));
  for (const row of rows) {
    const list = byEntity.get(row.entityId);
    if (list) list.push(row);
    else byEntity.set(row.entityId, [row]);
  }
  return byEntity;
}

function ownerFilter(viewer: Viewer, all: boolean | undefined): SQL | undefined {
  return viewer.isAdmin && all ? undefined : eq(b.userId, viewer.id);
}

/** May this viewer open this one import (details, failures)? Administrators may open any. */
function canOpen(viewer: Viewer, ownerId: number): boolean {
  return viewer.isAdmin || viewer.id === ownerId;
}

export interface HistoryOptions extends PageOptions {
  /** Administrators only: everyone's imports, not just their own. */
  all?: boolean;
  bulkImportId?: number;
}

/** The viewer's imported groups and projects, newest first, with per-relation counts. */
export async function listImportHistory(viewer: Viewer, options: HistoryOptions = {}): Promise<Page<HistoryEntity>> {
  const { page, perPage } = clampPage(options);
  const where = and(ownerFilter(viewer, options.all), options.bulkImportId === undefined ? undefined : eq(e.bulkImportId, options.bulkImportId));
  const rows = await entitiesQuery()
    .where(where)
    .orderBy(desc(e.createdAt), desc(e.id))
    .limit(perPage)
    .offset((page - 1) * perPage);
  let total = rows[0]?.total;
  if (total === undefined) {
    // Only past the last page: the window count has no row to ride on.
    const [count] = await getDb().select({ total: sql<number>`count(*)::int` }).from(e).innerJoin(b, eq(b.id, e.bulkImportId)).where(where);
    total = count?.total ?? 0;
  }
  const ids = rows.map((r) => r.id);
  const trackers = await trackersByEntity(ids);
  const entities = rows.map((row) => toHistoryEntity(row, (trackers.get(row.id) ?? []).map(toRelationStats)));
  return pageOf(entities, total, page, perPage);
}

export interface FailureRow {
  id: number;
  relation: string;
  label: string;
  subrelation: string | null;
  pipelineClass: string;
  pipelineStep: string;
  exceptionClass: string;
  exceptionMessage: string;
  correlationId: string | null;
  sourceUrl: string | null;
  sourceTitle: string | null;
  createdAt: Date;
}

/** One imported group or project, if the viewer may see it (no per-relation counts). */
export async function findHistoryEntity(viewer: Viewer, entityId: number): Promise<HistoryEntitySummary | undefined> {
  if (!Number.isInteger(entityId) || entityId <= 0) return undefined;
  const [row] = await entitiesQuery().where(eq(e.id, entityId)).limit(1);
  return row && canOpen(viewer, row.userId) ? toEntitySummary(row) : undefined;
}

/** The records and steps that failed for one entity, oldest first (the order they happened in). */
export async function listEntityFailures(
  viewer: Viewer,
  entityId: number,
  options: PageOptions & { relation?: string } = {},
): Promise<{ entity: HistoryEntitySummary; failures: Page<FailureRow> } | undefined> {
  const entity = await findHistoryEntity(viewer, entityId);
  if (!entity) return undefined;
  const { page, perPage } = clampPage(options);
  const f = bulkImportFailures;
  const where = options.relation ? and(eq(f.entityId, entityId), eq(f.relation, options.relation)) : eq(f.entityId, entityId);
  const rows = await getDb()
    .select({
      id: f.id,
      relation: f.relation,
      subrelation: f.subrelation,
      pipelineClass: f.pipelineClass,
      pipelineStep: f.pipelineStep,
      exceptionClass: f.exceptionClass,
      exceptionMessage: f.exceptionMessage,
      correlationId: f.correlationIdValue,
      sourceUrl: f.sourceUrl,
      sourceTitle: f.sourceTitle,
      createdAt: f.createdAt,
      total: sql<number>`(count(*) OVER ())::int`,
    })
    .from(f)
    .where(where)
    .orderBy(asc(f.createdAt), asc(f.id))
    .limit(perPage)
    .offset((page - 1) * perPage);
  let total = rows[0]?.total;
  if (total === undefined) {
    const [count] = await getDb().select({ total: sql<number>`count(*)::int` }).from(f).where(where);
    total = count?.total ?? 0;
  }
  const failures = rows.map(
    (row): FailureRow => ({
      id: row.id,
      relation: row.relation,
      label: relationLabel(row.relation),
      subrelation: row.subrelation,
      pipelineClass: row.pipelineClass,
      pipelineStep: row.pipelineStep,
      exceptionClass: row.exceptionClass,
      exceptionMessage: row.exceptionMessage,
      correlationId: row.correlationId,
      sourceUrl: row.sourceUrl,
      sourceTitle: row.sourceTitle,
      createdAt: row.createdAt,
    }),
  );
  return { entity, failures: pageOf(failures, total, page, perPage) };
}

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

export interface EntityDetails extends HistoryEntitySummary {
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
  entities: EntityDetails[];
}

/** One import with its entities, trackers and batches: what the timeline draws. */
export async function getBulkImportDetails(viewer: Viewer, bulkImportId: number): Promise<BulkImportDetails | undefined> {
  if (!Number.isInteger(bulkImportId) || bulkImportId <= 0) return undefined;
  const db = getDb();
  const [bulkImport] = await db
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
  const rows = await entitiesQuery().where(eq(e.bulkImportId, bulkImportId)).orderBy(asc(e.id));
  const entityIds = rows.map((r) => r.id);
  const trackers = await trackersByEntity(entityIds);
  const trackerIds = [...trackers.values()].flat().map((t) => t.id);
  const batches = new Map<number, BatchTiming[]>();
  if (trackerIds.length > 0) {
    const bt = bulkImportBatchTrackers;
    const batchRows = await db.select().from(bt).where(inArray(bt.trackerId, trackerIds)).orderBy(asc(bt.trackerId), asc(bt.batchNumber));
    for (const row of batchRows) {
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
  }
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
    entities,
  };
}

/** GitLab's realtime_changes item, plus Ferry's progress of each entity. */
export interface RealtimeChange {
  id: number;
  status_name: StatusName;
  has_failures: boolean;
  entities: {
    id: number;
    source_full_path: string;
    status_name: StatusName;
    has_failures: boolean;
    relations_done: number;
    relations_total: number;
    imported: number;
    source: number | null;
    percent: number;
  }[];
}

export const REALTIME_MAX_IMPORTS = 100;

/**
 * Statuses of the viewer's bulk imports (the given ids, or the most recently updated ones), for pages that poll when
 * server-sent events are not available. Two queries whatever the number of imports.
 */
export async function getRealtimeChanges(viewer: Viewer, options: { ids?: number[]; all?: boolean } = {}): Promise<RealtimeChange[]> {
  const ids = options.ids?.filter((id) => Number.isInteger(id) && id > 0).slice(0, REALTIME_MAX_IMPORTS);
  if (ids && ids.length === 0) return [];
  const db = getDb();
  const imports = await db
    .select({ id: b.id, status: b.status, hasFailures: b.hasFailures })
    .from(b)
    .where(and(ownerFilter(viewer, options.all), ids ? inArray(b.id, ids) : undefined))
    .orderBy(desc(b.updatedAt), desc(b.id))
    .limit(REALTIME_MAX_IMPORTS);
  if (imports.length === 0) return [];
  const t = bulkImportTrackers;
  const terminal = sql.join(
    TRACKER_TERMINAL.map((s) => sql`${s}`),
    sql`, `,
  );
  const entityRows = await db
    .select({
      id: e.id,
      bulkImportId: e.bulkImportId,
      sourceFullPath: e.sourceFullPath,
      status: e.status,
      hasFailures: sql<boolean>`${e.hasFailures} OR EXISTS (SELECT 1 FROM ${bulkImportFailures} WHERE ${bulkImportFailures.entityId} = ${e.id})`,
      relationsTotal: sql<number>`count(${t.id})::int`,
      relationsDone: sql<number>`(count(${t.id}) FILTER (WHERE ${t.status} IN (${terminal})))::int`,
      imported: sql<number>`coalesce(sum(${t.importedObjectsCount}), 0)::int`,
      source: sql<number | null>`sum(${t.sourceObjectsCount})::int`,
      fraction: sql<number>`coalesce(sum(CASE WHEN ${t.status} IN (${terminal}) THEN 1.0 WHEN ${t.status} = ${TRACKER_STATUS.started} AND ${t.sourceObjectsCount} > 0 THEN least(1.0, ${t.importedObjectsCount}::numeric / ${t.sourceObjectsCount}) ELSE 0 END), 0)::float8`,
    })
    .from(e)
    .leftJoin(t, eq(t.entityId, e.id))
    .where(
      inArray(
        e.bulkImportId,
        imports.map((i) => i.id),
      ),
    )
    .groupBy(e.id)
    .orderBy(asc(e.id));
  return imports.map((i) => {
    const entities = entityRows
      .filter((row) => row.bulkImportId === i.id)
      .map((row) => ({
        id: row.id,
        source_full_path: row.sourceFullPath,
        status_name: statusName(row.status),
        has_failures: row.hasFailures,
        relations_done: row.relationsDone,
        relations_total: row.relationsTotal,
        imported: row.imported,
        source: row.source,
        percent: row.relationsTotal ? Math.floor((row.fraction / row.relationsTotal) * 100) : 0,
      }));
    return { id: i.id, status_name: statusName(i.status), has_failures: i.hasFailures || entities.some((x) => x.has_failures), entities };
  });
}
