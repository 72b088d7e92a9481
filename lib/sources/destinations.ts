import { and, asc, eq, sql, type SQL } from "drizzle-orm";
import { getDb, groups, containing, projects } from "@/lib/db";
import { canCreateProjectIn } from "@/lib/projects";
import { accessLevelSql, canCreateSubgroup, findGroup, SUBGROUP_CREATION_MIN_LEVEL, visibleToSql } from "@/lib/groups";
import type { Viewer } from "@/lib/viewer";

export interface DestinationGroup {
  id: number;
  fullPath: string;
  fullName: string;
  visibility: string;
}


/** Groups the viewer may import into (create subgroups in): Owners and Maintainers, every group for admins. */
export async function listDestinationGroups(viewer: Viewer, options: { search?: string; limit?: number } = {}): Promise<DestinationGroup[]> {
  const where: SQL[] = [visibleToSql(viewer)];
  if (!viewer.isAdmin) where.push(sql`${accessLevelSql(viewer.id)} >= ${SUBGROUP_CREATION_MIN_LEVEL}`);
  const search = options.search?.trim().toLowerCase();
  if (search) {
    const like = containing(search);
    where.push(sql`(lower(${groups.fullPath}) LIKE ${like} OR lower(${groups.fullName}) LIKE ${like})`);
  }
  return getDb()
    .select({ id: groups.id, fullPath: groups.fullPath, fullName: groups.fullName, visibility: groups.visibility })
    .from(groups)
    .where(and(...where))
    .orderBy(asc(sql`lower(${groups.fullPath})`))
    .limit(Math.min(Math.max(options.limit ?? 20, 1), 100));
}

export interface PathAvailability {
  exists: boolean;
  /** A free path close to the one asked for (path-1, path-2...), when it is taken. */
  suggestion: string | null;
}

const SUGGESTION_BATCH = 50;
const SUGGESTION_BATCHES = 4;

/** Which of the full paths a group holds, or, with `projectsOf`, a group or a project of that group (their routes are one space). */
async function takenAmong(fullPaths: string[], projectsOf?: { id: number; fullPath: string }): Promise<Set<string>> {
  const lower = fullPaths.map((p) => p.toLowerCase());
  const rows = await getDb()
    .select({ fullPath: sql<string>`lower(${groups.fullPath})` })
    .from(groups)
    .where(sql`lower(${groups.fullPath}) = ANY(${sql.param(lower)}::text[])`);
  const taken = new Set(rows.map((row) => row.fullPath));
  if (projectsOf) {
    const prefix = `${projectsOf.fullPath.toLowerCase()}/`;
    const paths = lower.filter((p) => p.startsWith(prefix)).map((p) => p.slice(prefix.length));
    const found = await getDb()
      .select({ path: sql<string>`lower(${projects.path})` })
      .from(projects)
      .where(and(eq(projects.namespaceId, projectsOf.id), sql`lower(${projects.path}) = ANY(${sql.param(paths)}::text[])`));
    for (const row of found) taken.add(prefix + row.path);
  }
  return taken;
}

/**
 * Whether `path` is taken under the parent (null: top level), and if so a free alternative. Null when the parent
 * does not exist for the viewer or they may not create subgroups in it, so that nothing leaks about its children.
 */
export async function pathAvailability(viewer: Viewer, parentId: number | null, path: string, kind: "group" | "project" = "group"): Promise<PathAvailability | null> {
  let prefix = "";
  let projectsOf: { id: number; fullPath: string } | undefined;
  if (parentId !== null) {
    const parent = await findGroup(viewer, parentId);
    if (!parent || !(kind === "project" ? canCreateProjectIn(viewer, parent) : canCreateSubgroup(viewer, parent.accessLevel))) return null;
    prefix = `${parent.fullPath}/`;
    if (kind === "project") projectsOf = { id: parent.id, fullPath: parent.fullPath };
  } else if (kind === "project") {
    return null;
  }
  const wanted = path.trim();
  if (!(await takenAmong([prefix + wanted], projectsOf)).has((prefix + wanted).toLowerCase())) return { exists: false, suggestion: null };
  for (let batch = 0; batch < SUGGESTION_BATCHES; batch++) {
    const candidates = Array.from({ length: SUGGESTION_BATCH }, (_, i) => `${wanted}-${batch * SUGGESTION_BATCH + i + 1}`);
    const taken = await takenAmong(candidates.map((candidate) => prefix + candidate), projectsOf);
    const free = candidates.find((candidate) => !taken.has((prefix + candidate).toLowerCase()));
    if (free) return { exists: true, suggestion: free };
  }
  return { exists: true, suggestion: null };
}

/** One group the viewer may import into, for `?namespace_id=` (GitLab's default target); null otherwise. */
export async function destinationGroup(viewer: Viewer, id: number): Promise<DestinationGroup | null> {
  const group = await findGroup(viewer, id);
  if (!group || !canCreateSubgroup(viewer, group.accessLevel)) return null;
  return { id: group.id, fullPath: group.fullPath, fullName: group.fullName, visibility: group.visibility };
}
