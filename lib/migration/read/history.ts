import { and, desc, eq, sql } from "drizzle-orm";
import { bulkImportEntities, bulkImports, getDb } from "@/lib/db";
import type { Viewer } from "@/lib/viewer";
import { entitySummaryQuery, toEntitySummary, type EntitySummary } from "./entity-summary";
import { clampPage, pageOf, type Page, type PageOptions } from "./paging";
import { entityProgress, type EntityProgress } from "./progress";
import { toRelationStats, trackersByEntity, type RelationStats } from "./relation-stats";
import { ownImportsUnlessAll } from "./visibility";

/** A row of the history page: an imported group or project with each relation's counts and its progress. */
export interface HistoryEntity extends EntitySummary {
  relations: RelationStats[];
  progress: EntityProgress;
}

export interface HistoryOptions extends PageOptions {
  /** Administrators only: everyone's imports, not just their own. */
  all?: boolean;
  bulkImportId?: number;
}

const e = bulkImportEntities;

/**
 * The viewer's imported groups and projects, newest first, with per-relation counts. Two queries whatever the page
 * size: the rows with their total, then the trackers of all of them.
 */
export async function listImportHistory(viewer: Viewer, options: HistoryOptions = {}): Promise<Page<HistoryEntity>> {
  const { page, perPage } = clampPage(options);
  const where = and(ownImportsUnlessAll(viewer, options.all), options.bulkImportId === undefined ? undefined : eq(e.bulkImportId, options.bulkImportId));
  const rows = await entitySummaryQuery()
    .where(where)
    .orderBy(desc(e.createdAt), desc(e.id))
    .limit(perPage)
    .offset((page - 1) * perPage);
  let total = rows[0]?.total;
  if (total === undefined) {
    // Only past the last page: the window count has no row to ride on.
    const [count] = await getDb().select({ total: sql<number>`count(*)::int` }).from(e).innerJoin(bulkImports, eq(bulkImports.id, e.bulkImportId)).where(where);
    total = count?.total ?? 0;
  }
  const trackers = await trackersByEntity(rows.map((r) => r.id));
  const entities = rows.map((row): HistoryEntity => {
    const relations = (trackers.get(row.id) ?? []).map(toRelationStats);
    return { ...toEntitySummary(row), relations, progress: entityProgress(relations) };
  });
  return pageOf(entities, total, page, perPage);
}
