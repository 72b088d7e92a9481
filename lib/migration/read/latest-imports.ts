import { sql } from "drizzle-orm";
import { bulkImportEntities, bulkImports, bulkImportTrackers, getDb, groups } from "@/lib/db";
import { STATUS } from "../status";
import { entityProgress, trackerTallies, type EntityProgress, type TrackerCounts } from "./progress";

/** The newest import of one source group by one user from one source: a row of the importer page. */
export interface LatestImport {
  sourceFullPath: string;
  entityId: number;
  bulkImportId: number;
  /** GitLab status number (STATUS) of the group tree this import started. */
  status: number;
  hasFailures: boolean;
  /** Where the group went: the created group's full path, or where it was asked to go when it was not created. */
  destinationFullPath: string;
  destinationNamespace: string;
  destinationSlug: string;
  /** The parent group's id now, if it still exists (a re-import starts from the same parent). */
  destinationParentId: number | null;
  createdAt: Date;
  /** Of the whole group tree: the entity and the subgroups found under it. */
  progress: EntityProgress;
  /** The projects found in the group tree ("Import with projects"), and how many of them have ended. */
  projects: { done: number; total: number };
}

interface RawRow extends Record<string, unknown> {
  source_full_path: string;
  entity_id: number;
  bulk_import_id: number;
  status: number;
  has_failures: boolean;
  destination_full_path: string;
  destination_namespace: string;
  destination_slug: string;
  destination_parent_id: number | null;
  created_at: Date | string;
  trackers: TrackerCounts[];
  projects_done: number;
  projects_total: number;
}

/**
 * One query for a whole page of source groups: the newest entity per source path (DISTINCT ON), then the state and
 * trackers of the group tree it started, so the page costs the same whatever its size.
 */
export async function latestImports(userId: number, sourceUrl: string, sourceFullPaths: readonly string[]): Promise<Map<string, LatestImport>> {
  const found = new Map<string, LatestImport>();
  if (sourceFullPaths.length === 0) return found;
  const e = bulkImportEntities;
  const t = bulkImportTrackers;
  const result = await getDb().execute<RawRow>(sql`
    WITH latest AS (
      SELECT DISTINCT ON (${e.sourceFullPath})
        ${e.id} AS entity_id, ${e.bulkImportId} AS bulk_import_id, ${e.sourceFullPath} AS source_full_path,
        ${e.status} AS status, ${e.hasFailures} AS has_failures, ${e.destinationNamespace} AS destination_namespace,
        ${e.destinationSlug} AS destination_slug, ${e.namespaceId} AS namespace_id, ${e.createdAt} AS created_at
      FROM ${e}
      JOIN ${bulkImports} ON ${bulkImports.id} = ${e.bulkImportId}
      WHERE ${bulkImports.userId} = ${userId}
        AND ${bulkImports.sourceUrl} = ${sourceUrl}
        AND ${e.sourceType} = 'group_entity'
        AND ${e.sourceFullPath} = ANY(${sql.param([...sourceFullPaths])}::text[])
      ORDER BY ${e.sourceFullPath}, ${e.createdAt} DESC, ${e.id} DESC
    )
    SELECT latest.entity_id, latest.bulk_import_id, latest.source_full_path, latest.destination_namespace,
      latest.destination_slug, latest.created_at,
      -- The row speaks for the whole group tree it started (the entity and the subgroups found under it), as
      -- GitLab's row speaks for its bulk import: still importing while any part is, partial if any part failed.
      CASE WHEN tree.open > 0 AND latest.status IN (${STATUS.finished}, ${STATUS.failed}) THEN ${STATUS.started} ELSE latest.status END AS status,
      (latest.has_failures OR tree.with_failures > 0) AS has_failures,
      coalesce(created.full_path,
        CASE WHEN latest.destination_namespace = '' THEN latest.destination_slug
             ELSE latest.destination_namespace || '/' || latest.destination_slug END) AS destination_full_path,
      parent.id AS destination_parent_id,
      ${trackerTallies(sql`${t.entityId} = ANY(tree.ids)`)} AS trackers,
      tree.projects_done, tree.projects_total
    FROM latest
    LEFT JOIN ${groups} created ON created.id = latest.namespace_id
    LEFT JOIN ${groups} parent ON latest.destination_namespace <> '' AND lower(parent.full_path) = lower(latest.destination_namespace)
    CROSS JOIN LATERAL (
      WITH RECURSIVE subtree AS (
        SELECT ${e.id} AS id, ${e.status} AS status, ${e.hasFailures} AS has_failures, ${e.sourceType} AS source_type FROM ${e} WHERE ${e.id} = latest.entity_id
        UNION ALL
        SELECT child.id, child.status, child.has_failures, child.source_type FROM ${e} child JOIN subtree ON child.parent_id = subtree.id
      )
      SELECT
        (count(*) FILTER (WHERE subtree.id <> latest.entity_id AND subtree.status IN (${STATUS.created}, ${STATUS.started})))::int AS open,
        (count(*) FILTER (WHERE subtree.id <> latest.entity_id AND (subtree.has_failures OR subtree.status NOT IN (${STATUS.finished}, ${STATUS.created}, ${STATUS.started}))))::int AS with_failures,
        (count(*) FILTER (WHERE subtree.source_type = 'project_entity'))::int AS projects_total,
        (count(*) FILTER (WHERE subtree.source_type = 'project_entity' AND subtree.status NOT IN (${STATUS.created}, ${STATUS.started})))::int AS projects_done,
        array_agg(subtree.id) AS ids
      FROM subtree
    ) tree
  `);
  for (const row of result.rows) {
    found.set(row.source_full_path, {
      sourceFullPath: row.source_full_path,
      entityId: row.entity_id,
      bulkImportId: row.bulk_import_id,
      status: row.status,
      hasFailures: row.has_failures,
      destinationFullPath: row.destination_full_path,
      destinationNamespace: row.destination_namespace,
      destinationSlug: row.destination_slug,
      destinationParentId: row.destination_parent_id,
      createdAt: new Date(row.created_at),
      progress: entityProgress(row.trackers),
      projects: { done: row.projects_done, total: row.projects_total },
    });
  }
  return found;
}
