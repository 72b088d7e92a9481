import { and, asc, eq, inArray, lte, sql, type SQL } from "drizzle-orm";
import { bulkImportEntities, bulkImportFailures, bulkImports, bulkImportTrackers, getDb } from "@/lib/db";
import { relationLabel } from "@/lib/relations";
import type { Viewer } from "@/lib/viewer";
import { findEntitySummary, type EntitySummary } from "./entity-summary";
import { clampPage, pageOf, type Page, type PageOptions } from "./paging";
import { importsVisibleTo, validId } from "./visibility";

/** A record or step that failed, for the failures page and GitLab's failures API alike. */
export interface EntityFailure {
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

const f = bulkImportFailures;

const failureColumns = {
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
};

const toFailure = (row: Omit<EntityFailure, "label">): EntityFailure => ({
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
});

/** One page of failures and their total in one query (a second only past the last page, where no row carries it). */
async function failurePage(where: SQL, orderBy: SQL[], page: number, perPage: number): Promise<{ rows: EntityFailure[]; total: number }> {
  const rows = await getDb()
    .select({ ...failureColumns, total: sql<number>`(count(*) OVER ())::int` })
    .from(f)
    .where(where)
    .orderBy(...orderBy)
    .limit(perPage)
    .offset((page - 1) * perPage);
  let total = rows[0]?.total;
  if (total === undefined) {
    const [count] = await getDb().select({ total: sql<number>`count(*)::int` }).from(f).where(where);
    total = count?.total ?? 0;
  }
  return { rows: rows.map(toFailure), total };
}

/** The failures page: one entity's failures, oldest first (the order they happened in), optionally of one relation. */
export async function listEntityFailures(
  viewer: Viewer,
  entityId: number,
  options: PageOptions & { relation?: string } = {},
): Promise<{ entity: EntitySummary; failures: Page<EntityFailure>; omitted: number } | undefined> {
  const entity = await findEntitySummary(viewer, entityId);
  if (!entity) return undefined;
  const { page, perPage } = clampPage(options);
  const where = options.relation ? and(eq(f.entityId, entityId), eq(f.relation, options.relation))! : eq(f.entityId, entityId);
  const [{ rows, total }, omitted] = await Promise.all([failurePage(where, [asc(f.createdAt), asc(f.id)], page, perPage), omittedFailures(entityId, options.relation)]);
  return { entity, failures: pageOf(rows, total, page, perPage), omitted };
}

/** Bad records past the per-relation cap: counted on the trackers, never stored ("…and N more"). */
async function omittedFailures(entityId: number, relation?: string): Promise<number> {
  const t = bulkImportTrackers;
  const [row] = await getDb()
    .select({ omitted: sql<number>`coalesce(sum(${t.omittedFailuresCount}), 0)::int` })
    .from(t)
    .where(relation ? and(eq(t.entityId, entityId), eq(t.relation, relation)) : eq(t.entityId, entityId));
  return row?.omitted ?? 0;
}

/** GitLab's failures endpoint: one entity's failures by id; undefined when the entity is not visible (a 404). */
export async function listFailures(viewer: Viewer, bulkImportId: number, entityId: number, page: { page: number; perPage: number }): Promise<{ rows: EntityFailure[]; total: number } | undefined> {
  if (!validId(bulkImportId) || !validId(entityId)) return undefined;
  const [entity] = await getDb()
    .select({ id: bulkImportEntities.id })
    .from(bulkImportEntities)
    .innerJoin(bulkImports, eq(bulkImports.id, bulkImportEntities.bulkImportId))
    .where(and(importsVisibleTo(viewer), eq(bulkImportEntities.bulkImportId, bulkImportId), eq(bulkImportEntities.id, entityId)));
  if (!entity) return undefined;
  return failurePage(eq(f.entityId, entityId), [asc(f.id)], page.page, page.perPage);
}

/**
 * Failures embedded in each entity of the API. GitLab embeds them all; an entity with a million bad records would
 * make every listing huge, so Ferry embeds the first ones and the failures endpoint pages through the rest.
 */
export const EMBEDDED_FAILURES_CAP = 100;

/** The first failures of each entity, in one query (a window per entity). */
export async function firstFailuresByEntity(entityIds: number[]): Promise<Map<number, EntityFailure[]>> {
  const byEntity = new Map<number, EntityFailure[]>();
  if (entityIds.length === 0) return byEntity;
  const ranked = getDb()
    .select({ ...failureColumns, entityId: f.entityId, rank: sql<number>`row_number() over (partition by ${f.entityId} order by ${f.id})`.as("rank") })
    .from(f)
    .where(inArray(f.entityId, entityIds))
    .as("ranked");
  const rows = await getDb().select().from(ranked).where(lte(ranked.rank, EMBEDDED_FAILURES_CAP)).orderBy(ranked.entityId, ranked.id);
  for (const row of rows) {
    const list = byEntity.get(row.entityId) ?? [];
    list.push(toFailure(row));
    byEntity.set(row.entityId, list);
  }
  return byEntity;
}
