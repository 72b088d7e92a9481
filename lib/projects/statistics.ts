import { inArray, sql } from "drizzle-orm";
import { getDb, uploads } from "@/lib/db";

/**
 * GitLab's ProjectStatistics with what Ferry knows without reading git: the size of a project's uploads, and 0 for
 * what it stores none of for a project (LFS objects, job and pipeline artifacts, packages, snippets, container
 * images). The commit count and the repository, wiki and storage sizes need the repository: lib/repositories has no
 * statistics to give yet, so they are left out rather than shown as 0.
 */
export async function projectStatistics(projectIds: readonly number[]): Promise<Map<number, Record<string, number>>> {
  const sizes = projectIds.length
    ? await getDb()
        .select({ projectId: uploads.projectId, size: sql<number>`coalesce(sum(${uploads.size}), 0)::bigint` })
        .from(uploads)
        .where(inArray(uploads.projectId, [...projectIds]))
        .groupBy(uploads.projectId)
    : [];
  const uploadsSize = new Map(sizes.map((row) => [row.projectId!, Number(row.size)]));
  return new Map(
    projectIds.map((id) => [
      id,
      { lfs_objects_size: 0, job_artifacts_size: 0, pipeline_artifacts_size: 0, packages_size: 0, snippets_size: 0, uploads_size: uploadsSize.get(id) ?? 0, container_registry_size: 0 },
    ]),
  );
}
