import { and, asc, count, desc, eq, inArray, lte, sql, type SQL } from "drizzle-orm";
import { bulkImportEntities, bulkImportFailures, bulkImports, bulkImportTrackers, getDb, groups } from "@/lib/db";
import { statsFromTrackers, type RelationCounts } from "./entity-stats";
import { STATUS, TERMINAL, type StatusName } from "./status";

/**
 * Read side of the /api/v4/bulk_imports endpoints. Users see only their own imports; administrators see everyone's
 * (GitLab's finders scope even admins to their own; Ferry's pages let admins see all, and the API follows them).
 * A page costs a fixed number of queries whatever its size: rows, total, then failures and trackers for all rows.
 */

export interface ApiViewer {
  id: number;
  isAdmin: boolean;
}

export type SortDirection = "asc" | "desc";

export interface ListOptions {
  page: number;
  perPage: number;
  sort: SortDirection;
  /** GitLab status number (STATUS), already parsed from its name. */
  status?: number;
}

export interface ApiBulkImport {
  id: number;
  status: number;
  sourceType: string;
  sourceUrl: string;
  hasFailures: boolean;
  createdAt: Date;
  updatedAt: Date;
}

export interface ApiFailure {
  id: number;
  relation: string;
  subrelation: string | null;
  pipelineClass: string;
  pipelineStep: string;
  exceptionClass: string;
  exceptionMessage: string;
  correlationIdValue: string | null;
  sourceUrl: string | null;
  sourceTitle: string | null;
  createdAt: Date;
}

export interface ApiEntity {
  id: number;
  bulkImportId: number;
  parentId: number | null;
  status: number;
  sourceType: "group_entity" | "project_entity";
  sourceFullPath: string;
  /** The created group's full path; null until it exists (GitLab's entity.full_path). */
  destinationFullPath: string | null;
  destinationSlug: string;
  destinationNamespace: string;
  namespaceId: number | null;
  migrateProjects: boolean;
  migrateMemberships: boolean;
  hasFailures: boolean;
  createdAt: Date;
  updatedAt: Date;
  failures: ApiFailure[];
  stats: Record<string, RelationCounts>;
}

export interface ApiPage<T> {
  rows: T[];
  total: number;
}

/** Every state name an import or entity can have; the API's `status` filter accepts these. */
export const STATUS_NAMES = Object.keys(STATUS) as StatusName[];

export function statusFromName(name: string): number | undefined {
  return (STATUS_NAMES as string[]).includes(name) ? STATUS[name as StatusName] : undefined;
}

/**
 * Failures embedded in each entity. GitLab embeds them all; an entity with a million bad records would make every
 * listing huge, so Ferry embeds the first ones and the failures endpoint pages through the rest.
 */
export const EMBEDDED_FAILURES_CAP = 100;

// Postgres integer ids: a larger number cannot match, and would be a query error instead of a 404.
const MAX_ID = 2_147_483_647;
const validId = (id: number) => Number.isInteger(id) && id > 0 && id <= MAX_ID;

const visibleTo = (viewer: ApiViewer): SQL | undefined => (viewer.isAdmin ? undefined : eq(bulkImports.userId, viewer.id));

const importColumns = {
  id: bulkImports.id,
  status: bulkImports.status,
  sourceType: bulkImports.sourceType,
  sourceUrl: bulkImports.sourceUrl,
  hasFailures: bulkImports.hasFailures,
  createdAt: bulkImports.createdAt,
  updatedAt: bulkImports.updatedAt,
};

const order = (sort: SortDirection, column: typeof bulkImports.createdAt | typeof bulkImportEntities.createdAt, id: typeof bulkImports.id | typeof bulkImportEntities.id) =>
  // One start creates its rows in one transaction, with the same created_at: the id keeps the order stable.
  sort === "asc" ? [asc(column), asc(id)] : [desc(column), desc(id)];

export async function listBulkImports(viewer: ApiViewer, options: ListOptions): Promise<ApiPage<ApiBulkImport>> {
  const where = and(visibleTo(viewer), options.status === undefined ? undefined : eq(bulkImports.status, options.status));
  const db = getDb();
  const [rows, [total]] = await Promise.all([
    db
      .select(importColumns)
      .from(bulkImports)
      .where(where)
      .orderBy(...order(options.sort, bulkImports.createdAt, bulkImports.id))
      .limit(options.perPage)
      .offset((options.page - 1) * options.perPage),
    db.select({ n: count() }).from(bulkImports).where(where),
  ]);
  return { rows, total: total?.n ?? 0 };
}

export async function findBulkImport(viewer: ApiViewer, id: number): Promise<ApiBulkImport | undefined> {
  if (!validId(id)) return undefined;
  const [row] = await getDb()
    .select(importColumns)
    .from(bulkImports)
    .where(and(eq(bulkImports.id, id), visibleTo(viewer)));
  return row;
}

const failureColumns = {
  id: bulkImportFailures.id,
  relation: bulkImportFailures.relation,
  subrelation: bulkImportFailures.subrelation,
  pipelineClass: bulkImportFailures.pipelineClass,
  pipelineStep: bulkImportFailures.pipelineStep,
  exceptionClass: bulkImportFailures.exceptionClass,
  exceptionMessage: bulkImportFailures.exceptionMessage,
  correlationIdValue: bulkImportFailures.correlationIdValue,
  sourceUrl: bulkImportFailures.sourceUrl,
  sourceTitle: bulkImportFailures.sourceTitle,
  createdAt: bulkImportFailures.createdAt,
};

const toFailure = (row: ApiFailure): ApiFailure => ({
  id: row.id,
  relation: row.relation,
  subrelation: row.subrelation,
  pipelineClass: row.pipelineClass,
  pipelineStep: row.pipelineStep,
  exceptionClass: row.exceptionClass,
  exceptionMessage: row.exceptionMessage,
  correlationIdValue: row.correlationIdValue,
  sourceUrl: row.sourceUrl,
  sourceTitle: row.sourceTitle,
  createdAt: row.createdAt,
});

/** The first failures of each entity, in one query (a window per entity). */
async function embeddedFailures(entityIds: number[]): Promise<Map<number, ApiFailure[]>> {
  const byEntity = new Map<number, ApiFailure[]>();
  if (entityIds.length === 0) return byEntity;
  const ranked = getDb()
    .select({ ...failureColumns, entityId: bulkImportFailures.entityId, rank: sql<number>`row_number() over (partition by ${bulkImportFailures.entityId} order by ${bulkImportFailures.id})`.as("rank") })
    .from(bulkImportFailures)
    .where(inArray(bulkImportFailures.entityId, entityIds))
    .as("ranked");
  const rows = await getDb().select().from(ranked).where(lte(ranked.rank, EMBEDDED_FAILURES_CAP)).orderBy(ranked.entityId, ranked.id);
  for (const row of rows) {
    const list = byEntity.get(row.entityId) ?? [];
    list.push(toFailure(row));
    byEntity.set(row.entityId, list);
  }
  return byEntity;
}

/**
 * Stats of entities: the comparison frozen when the entity ended, or, while it runs, the trackers' live counts.
 */
async function entityStats(entityIds: number[]): Promise<Map<number, Record<string, RelationCounts>>> {
  const byEntity = new Map<number, Record<string, RelationCounts>>();
  if (entityIds.length === 0) return byEntity;
  const frozen = await getDb()
    .select({ id: bulkImportEntities.id, status: bulkImportEntities.status, stats: bulkImportEntities.stats })
    .from(bulkImportEntities)
    .where(inArray(bulkImportEntities.id, entityIds));
  const live: number[] = [];
  for (const entity of frozen) {
    if (TERMINAL.includes(entity.status) && Object.keys(entity.stats).length > 0) byEntity.set(entity.id, entity.stats);
    else live.push(entity.id);
  }
  if (live.length === 0) return byEntity;
  const trackers = await getDb()
    .select({
      entityId: bulkImportTrackers.entityId,
      relation: bulkImportTrackers.relation,
      status: bulkImportTrackers.status,
      source: bulkImportTrackers.sourceObjectsCount,
      fetched: bulkImportTrackers.fetchedObjectsCount,
      imported: bulkImportTrackers.importedObjectsCount,
    })
    .from(bulkImportTrackers)
    .where(inArray(bulkImportTrackers.entityId, live))
    .orderBy(bulkImportTrackers.stage, bulkImportTrackers.id);
  for (const id of live) {
    const stats = statsFromTrackers(trackers.filter((t) => t.entityId === id));
    if (Object.keys(stats).length > 0) byEntity.set(id, stats);
  }
  return byEntity;
}

const entityColumns = {
  id: bulkImportEntities.id,
  bulkImportId: bulkImportEntities.bulkImportId,
  parentId: bulkImportEntities.parentId,
  status: bulkImportEntities.status,
  sourceType: bulkImportEntities.sourceType,
  sourceFullPath: bulkImportEntities.sourceFullPath,
  destinationFullPath: groups.fullPath,
  destinationSlug: bulkImportEntities.destinationSlug,
  destinationNamespace: bulkImportEntities.destinationNamespace,
  namespaceId: bulkImportEntities.namespaceId,
  migrateProjects: bulkImportEntities.migrateProjects,
  migrateMemberships: bulkImportEntities.migrateMemberships,
  hasFailures: bulkImportEntities.hasFailures,
  createdAt: bulkImportEntities.createdAt,
  updatedAt: bulkImportEntities.updatedAt,
};

type EntityRow = Omit<ApiEntity, "failures" | "stats">;

async function withDetails(rows: EntityRow[]): Promise<ApiEntity[]> {
  const ids = rows.map((r) => r.id);
  const [failures, stats] = await Promise.all([embeddedFailures(ids), entityStats(ids)]);
  return rows.map((row) => ({ ...row, failures: failures.get(row.id) ?? [], stats: stats.get(row.id) ?? {} }));
}

function entitiesQuery(where: SQL | undefined) {
  return getDb()
    .select(entityColumns)
    .from(bulkImportEntities)
    .innerJoin(bulkImports, eq(bulkImports.id, bulkImportEntities.bulkImportId))
    .leftJoin(groups, eq(groups.id, bulkImportEntities.namespaceId))
    .where(where);
}

/** Entities of all visible imports, or of one import (`bulkImportId`; the caller checks that it is visible). */
export async function listEntities(viewer: ApiViewer, options: ListOptions & { bulkImportId?: number }): Promise<ApiPage<ApiEntity>> {
  const where = and(
    visibleTo(viewer),
    options.bulkImportId === undefined ? undefined : eq(bulkImportEntities.bulkImportId, options.bulkImportId),
    options.status === undefined ? undefined : eq(bulkImportEntities.status, options.status),
  );
  const [rows, [total]] = await Promise.all([
    entitiesQuery(where)
      .orderBy(...order(options.sort, bulkImportEntities.createdAt, bulkImportEntities.id))
      .limit(options.perPage)
      .offset((options.page - 1) * options.perPage),
    getDb().select({ n: count() }).from(bulkImportEntities).innerJoin(bulkImports, eq(bulkImports.id, bulkImportEntities.bulkImportId)).where(where),
  ]);
  return { rows: await withDetails(rows), total: total?.n ?? 0 };
}

export async function findEntity(viewer: ApiViewer, bulkImportId: number, entityId: number): Promise<ApiEntity | undefined> {
  if (!validId(bulkImportId) || !validId(entityId)) return undefined;
  const rows = await entitiesQuery(and(visibleTo(viewer), eq(bulkImportEntities.bulkImportId, bulkImportId), eq(bulkImportEntities.id, entityId)));
  const [entity] = await withDetails(rows);
  return entity;
}

/** One entity's failures, oldest first; undefined when the entity is not visible (a 404). */
export async function listFailures(viewer: ApiViewer, bulkImportId: number, entityId: number, page: { page: number; perPage: number }): Promise<ApiPage<ApiFailure> | undefined> {
  if (!validId(bulkImportId) || !validId(entityId)) return undefined;
  const [entity] = await getDb()
    .select({ id: bulkImportEntities.id })
    .from(bulkImportEntities)
    .innerJoin(bulkImports, eq(bulkImports.id, bulkImportEntities.bulkImportId))
    .where(and(visibleTo(viewer), eq(bulkImportEntities.bulkImportId, bulkImportId), eq(bulkImportEntities.id, entityId)));
  if (!entity) return undefined;
  const where = eq(bulkImportFailures.entityId, entityId);
  const [rows, [total]] = await Promise.all([
    getDb()
      .select(failureColumns)
      .from(bulkImportFailures)
      .where(where)
      .orderBy(asc(bulkImportFailures.id))
      .limit(page.perPage)
      .offset((page.page - 1) * page.perPage),
    getDb().select({ n: count() }).from(bulkImportFailures).where(where),
  ]);
  return { rows, total: total?.n ?? 0 };
}
