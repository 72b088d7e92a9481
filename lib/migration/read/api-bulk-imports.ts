import { and, asc, count, desc, eq, inArray, type SQL } from "drizzle-orm";
import { bulkImportEntities, bulkImports, bulkImportTrackers, getDb, groups } from "@/lib/db";
import type { Viewer } from "@/lib/viewer";
import { statsFromTrackers, TRACKER_COUNTS, type RelationCounts } from "../entity-stats";
import { STATUS, TERMINAL, type StatusName } from "../status";
import { firstFailuresByEntity, type EntityFailure } from "./failures";
import { importsVisibleTo, validId } from "./visibility";

/**
 * Read side of the /api/v4/bulk_imports endpoints (the failures endpoint is in ./failures). Users see only their own
 * imports; administrators see everyone's (GitLab's finders scope even admins to their own; Ferry's pages let admins
 * see all, and the API follows them). A page costs a fixed number of queries whatever its size: rows and total, then
 * failures and trackers for all rows.
 */

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
  failures: EntityFailure[];
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

export const bulkImportColumns = {
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

export async function listBulkImports(viewer: Viewer, options: ListOptions): Promise<ApiPage<ApiBulkImport>> {
  const where = and(importsVisibleTo(viewer), options.status === undefined ? undefined : eq(bulkImports.status, options.status));
  const db = getDb();
  const [rows, [total]] = await Promise.all([
    db
      .select(bulkImportColumns)
      .from(bulkImports)
      .where(where)
      .orderBy(...order(options.sort, bulkImports.createdAt, bulkImports.id))
      .limit(options.perPage)
      .offset((options.page - 1) * options.perPage),
    db.select({ n: count() }).from(bulkImports).where(where),
  ]);
  return { rows, total: total?.n ?? 0 };
}

export async function findBulkImport(viewer: Viewer, id: number): Promise<ApiBulkImport | undefined> {
  if (!validId(id)) return undefined;
  const [row] = await getDb()
    .select(bulkImportColumns)
    .from(bulkImports)
    .where(and(eq(bulkImports.id, id), importsVisibleTo(viewer)));
  return row;
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
    .select({ entityId: bulkImportTrackers.entityId, ...TRACKER_COUNTS })
    .from(bulkImportTrackers)
    .where(inArray(bulkImportTrackers.entityId, live))
    .orderBy(bulkImportTrackers.stage, bulkImportTrackers.id);
  const trackersOf = new Map<number, typeof trackers>();
  for (const t of trackers) {
    const list = trackersOf.get(t.entityId);
    if (list) list.push(t);
    else trackersOf.set(t.entityId, [t]);
  }
  for (const id of live) {
    const stats = statsFromTrackers(trackersOf.get(id) ?? []);
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
  const [failures, stats] = await Promise.all([firstFailuresByEntity(ids), entityStats(ids)]);
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
export async function listEntities(viewer: Viewer, options: ListOptions & { bulkImportId?: number }): Promise<ApiPage<ApiEntity>> {
  const where = and(
    importsVisibleTo(viewer),
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

export async function findEntity(viewer: Viewer, bulkImportId: number, entityId: number): Promise<ApiEntity | undefined> {
  if (!validId(bulkImportId) || !validId(entityId)) return undefined;
  const rows = await entitiesQuery(and(importsVisibleTo(viewer), eq(bulkImportEntities.bulkImportId, bulkImportId), eq(bulkImportEntities.id, entityId)));
  const [entity] = await withDetails(rows);
  return entity;
}
