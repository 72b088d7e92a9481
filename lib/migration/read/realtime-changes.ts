import { and, asc, desc, eq, inArray, sql } from "drizzle-orm";
import { bulkImportEntities, bulkImportFailures, bulkImports, getDb } from "@/lib/db";
import type { Viewer } from "@/lib/viewer";
import { statusName, type StatusName } from "../status";
import { entityProgress, talliesByEntity } from "./progress";
import { ownImportsUnlessAll } from "./visibility";

/** GitLab's realtime_changes item, plus Ferry's progress of each entity (EntityProgress, in GitLab's snake case). */
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

const b = bulkImports;
const e = bulkImportEntities;

/**
 * Statuses of the viewer's bulk imports (the given ids, or the most recently updated ones) for pages that poll while
 * server-sent events are down, and that refetch it when an event says something changed. Three queries whatever the
 * number of imports: the imports, then (at once) their entities and their trackers tallied by entity.
 */
export async function getRealtimeChanges(viewer: Viewer, options: { ids?: number[]; all?: boolean } = {}): Promise<RealtimeChange[]> {
  const ids = options.ids?.filter((id) => Number.isInteger(id) && id > 0).slice(0, REALTIME_MAX_IMPORTS);
  if (ids && ids.length === 0) return [];
  const db = getDb();
  const imports = await db
    .select({ id: b.id, status: b.status, hasFailures: b.hasFailures })
    .from(b)
    .where(and(ownImportsUnlessAll(viewer, options.all), ids ? inArray(b.id, ids) : undefined))
    .orderBy(desc(b.updatedAt), desc(b.id))
    .limit(REALTIME_MAX_IMPORTS);
  if (imports.length === 0) return [];
  const importIds = imports.map((i) => i.id);
  const [entityRows, tallies] = await Promise.all([
    // The join keeps drizzle's columns qualified inside the subquery (it leaves them bare in one-table selects).
    db
      .select({
        id: e.id,
        bulkImportId: e.bulkImportId,
        sourceFullPath: e.sourceFullPath,
        status: e.status,
        hasFailures: sql<boolean>`${e.hasFailures} OR EXISTS (SELECT 1 FROM ${bulkImportFailures} WHERE ${bulkImportFailures.entityId} = ${e.id})`,
      })
      .from(e)
      .innerJoin(b, eq(b.id, e.bulkImportId))
      .where(inArray(e.bulkImportId, importIds))
      .orderBy(asc(e.id)),
    talliesByEntity(sql`SELECT ${e.id} FROM ${e} WHERE ${inArray(e.bulkImportId, importIds)}`),
  ]);
  const byImport = new Map<number, typeof entityRows>();
  for (const row of entityRows) {
    const list = byImport.get(row.bulkImportId);
    if (list) list.push(row);
    else byImport.set(row.bulkImportId, [row]);
  }
  return imports.map((i) => {
    const entities = (byImport.get(i.id) ?? []).map((row) => {
      const progress = entityProgress(tallies.get(row.id) ?? []);
      return {
        id: row.id,
        source_full_path: row.sourceFullPath,
        status_name: statusName(row.status),
        has_failures: row.hasFailures,
        relations_done: progress.relationsDone,
        relations_total: progress.relationsTotal,
        imported: progress.imported,
        source: progress.source,
        percent: progress.percent,
      };
    });
    return { id: i.id, status_name: statusName(i.status), has_failures: i.hasFailures || entities.some((x) => x.has_failures), entities };
  });
}
