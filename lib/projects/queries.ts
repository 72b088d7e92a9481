import { and, asc, desc, eq, gt, inArray, lt, sql, type SQL } from "drizzle-orm";
import { getDb, groups, isRowId, projects, VISIBILITY_LEVELS, type Visibility, containing } from "@/lib/db";
import { accessLevelSql, type Group } from "@/lib/groups";
import type { Viewer } from "@/lib/viewer";
import { directAccessLevelSql, projectAccessLevelSql, projectVisibleToSql } from "./access";
import { visibilityName } from "./visibility";

export type Project = typeof projects.$inferSelect;

/** A project as a viewer sees it: with its namespace, its paths and the viewer's roles on it. */
export interface ProjectWithAccess extends Project {
  namespace: Group;
  visibility: Visibility;
  /** `group/sub/project`: GitLab's path_with_namespace, what `:id` may name. */
  fullPath: string;
  /** `Group / Sub / Project`: GitLab's name_with_namespace. */
  nameWithNamespace: string;
  /** The effective role: the higher of projectAccessLevel and groupAccessLevel; null when neither. */
  accessLevel: number | null;
  /** The viewer's own membership of the project. */
  projectAccessLevel: number | null;
  /** The viewer's highest membership of the namespace or one of its ancestors. */
  groupAccessLevel: number | null;
}

const none = sql<number | null>`NULL::integer`;

/** The columns every read selects: the project, its group, and the viewer's two kinds of membership. */
function selection(viewer: Viewer) {
  // Id 0 (anonymous) is nobody's: skip the lookups rather than run them for nothing.
  const known = !viewer.anonymous;
  return {
    project: projects,
    namespace: groups,
    projectAccess: known ? directAccessLevelSql(viewer.id) : none,
    groupAccess: known ? accessLevelSql(viewer.id) : none,
  };
}

type Selected = { project: Project; namespace: Group; projectAccess: number | null; groupAccess: number | null };

function withAccess({ project, namespace, projectAccess, groupAccess }: Selected): ProjectWithAccess {
  const levels = [projectAccess, groupAccess].filter((level): level is number => level !== null);
  return {
    ...project,
    namespace,
    visibility: visibilityName(project.visibilityLevel),
    fullPath: `${namespace.fullPath}/${project.path}`,
    nameWithNamespace: `${namespace.fullName} / ${project.name}`,
    accessLevel: levels.length ? Math.max(...levels) : null,
    projectAccessLevel: projectAccess,
    groupAccessLevel: groupAccess,
  };
}

/**
 * A project by numeric id or full path (`group/sub/project`, any case), if the viewer may see it. As on GitLab, all
 * digits is an id, never a path. An id past PostgreSQL's integer range or a path with a NUL names no project.
 */
export async function findProject(viewer: Viewer, idOrPath: string | number): Promise<ProjectWithAccess | undefined> {
  const byId = typeof idOrPath === "number" || /^\d+$/.test(idOrPath);
  let key: SQL;
  if (byId) {
    if (!isRowId(Number(idOrPath))) return undefined;
    key = eq(projects.id, Number(idOrPath));
  } else {
    const path = String(idOrPath);
    const slash = path.lastIndexOf("/");
    if (slash <= 0 || slash === path.length - 1 || path.includes("\0")) return undefined;
    // Namespace and project apart, so that each lookup reads its own index.
    key = sql`lower(${groups.fullPath}) = lower(${path.slice(0, slash)}) AND lower(${projects.path}) = lower(${path.slice(slash + 1)})`;
  }
  const [row] = await getDb()
    .select(selection(viewer))
    .from(projects)
    .innerJoin(groups, eq(groups.id, projects.namespaceId))
    .where(and(key, projectVisibleToSql(viewer)))
    .limit(1);
  return row ? withAccess(row) : undefined;
}

/** Projects by full path (any case) that the viewer may see, in one query whatever the number of paths. */
export async function findProjectsByPath(viewer: Viewer, paths: readonly string[]): Promise<ProjectWithAccess[]> {
  const pairs = [...new Set(paths.map((path) => path.toLowerCase()))].flatMap((path) => {
    const slash = path.lastIndexOf("/");
    return slash > 0 && slash < path.length - 1 && !path.includes("\0") ? [sql`(${path.slice(0, slash)}, ${path.slice(slash + 1)})`] : [];
  });
  if (pairs.length === 0) return [];
  const rows = await getDb()
    .select(selection(viewer))
    .from(projects)
    .innerJoin(groups, eq(groups.id, projects.namespaceId))
    .where(and(sql`(lower(${groups.fullPath}), lower(${projects.path})) IN (${sql.join(pairs, sql`, `)})`, projectVisibleToSql(viewer)));
  return rows.map(withAccess);
}

export const PROJECT_ORDERS = ["id", "name", "path", "created_at", "updated_at", "last_activity_at", "star_count"] as const;
export type ProjectOrder = (typeof PROJECT_ORDERS)[number];

const ORDER_COLUMNS = {
  id: projects.id,
  name: projects.name,
  path: projects.path,
  created_at: projects.createdAt,
  updated_at: projects.updatedAt,
  last_activity_at: projects.lastActivityAt,
  // Nobody stars a project on Ferry: every count is 0, and GitLab breaks the tie by id.
  star_count: projects.id,
} as const;

export interface ListProjectsOptions {
  /** Only the projects of this group, and with includeSubgroups those of its descendants too. */
  namespaceId?: number;
  includeSubgroups?: boolean;
  /** Projects the viewer is a member of, directly or through a group (GitLab's `membership`). */
  membership?: boolean;
  /** Projects the viewer owns: Owner role, directly or as an Owner of the group (GitLab's `owned`). */
  owned?: boolean;
  minAccessLevel?: number;
  /** Ferry has no stars: asking for starred projects lists none. */
  starred?: boolean;
  /** Words each found in the name, path or description; with searchNamespaces in the full path too. */
  search?: string;
  searchNamespaces?: boolean;
  visibility?: Visibility;
  archived?: boolean;
  /** Neither archived nor marked for deletion (which Ferry never marks): the opposite of archived. */
  active?: boolean;
  idAfter?: number;
  idBefore?: number;
  lastActivityAfter?: Date;
  lastActivityBefore?: Date;
  withIssuesEnabled?: boolean;
  withMergeRequestsEnabled?: boolean;
  orderBy?: ProjectOrder;
  sort?: "asc" | "desc";
  page: number;
  perPage: number;
}


/** A feature on (any level but disabled, which exports write as 0) in the project's kept settings. */
const featureOn = (key: string) => sql`coalesce(${projects.sourceAttributes} ->> ${key}, 'enabled') NOT IN ('disabled', '0')`;

/** Projects the viewer can see, filtered, ordered and paginated as GitLab's project lists are, with the total. */
export async function listProjects(viewer: Viewer, options: ListProjectsOptions): Promise<{ rows: ProjectWithAccess[]; total: number }> {
  const access = projectAccessLevelSql(viewer.id);
  const where: SQL[] = [projectVisibleToSql(viewer)];
  if (options.namespaceId !== undefined) {
    where.push(
      options.includeSubgroups
        ? inArray(projects.namespaceId, getDb().select({ id: groups.id }).from(groups).where(sql`${groups.traversalIds} @> ARRAY[${options.namespaceId}]::integer[]`))
        : eq(projects.namespaceId, options.namespaceId),
    );
  }
  // Anonymous callers are members of nothing.
  const memberFilter = options.owned || options.membership || options.minAccessLevel !== undefined;
  if (memberFilter && viewer.anonymous) where.push(sql`false`);
  if (options.membership) where.push(sql`${access} IS NOT NULL`);
  if (options.owned) where.push(sql`${access} >= 50`);
  if (options.minAccessLevel !== undefined) where.push(sql`${access} >= ${options.minAccessLevel}`);
  if (options.starred) where.push(sql`false`);
  // Several words each have to match somewhere, in any order, as GitLab's search of projects does.
  for (const term of options.search?.toLowerCase().split(/\s+/).filter(Boolean) ?? []) {
    const like = containing(term);
    const fields = [sql`lower(${projects.name}) LIKE ${like}`, sql`lower(${projects.path}) LIKE ${like}`, sql`lower(${projects.description}) LIKE ${like}`];
    if (options.searchNamespaces) fields.push(sql`lower(${groups.fullPath} || '/' || ${projects.path}) LIKE ${like}`);
    where.push(sql`(${sql.join(fields, sql` OR `)})`);
  }
  if (options.visibility) where.push(eq(projects.visibilityLevel, VISIBILITY_LEVELS[options.visibility]));
  if (options.archived !== undefined) where.push(eq(projects.archived, options.archived));
  if (options.active !== undefined) where.push(eq(projects.archived, !options.active));
  if (options.idAfter !== undefined) where.push(gt(projects.id, options.idAfter));
  if (options.idBefore !== undefined) where.push(lt(projects.id, options.idBefore));
  if (options.lastActivityAfter) where.push(gt(projects.lastActivityAt, options.lastActivityAfter));
  if (options.lastActivityBefore) where.push(lt(projects.lastActivityAt, options.lastActivityBefore));
  if (options.withIssuesEnabled) where.push(featureOn("issues_access_level"));
  if (options.withMergeRequestsEnabled) where.push(featureOn("merge_requests_access_level"));

  // GitLab's default: the newest first.
  const order = ORDER_COLUMNS[options.orderBy ?? "created_at"];
  const direction = (options.sort ?? "desc") === "desc" ? desc : asc;
  const db = getDb();
  const [rows, [count]] = await Promise.all([
    db
      .select(selection(viewer))
      .from(projects)
      .innerJoin(groups, eq(groups.id, projects.namespaceId))
      .where(and(...where))
      .orderBy(direction(order), direction(projects.id))
      .limit(options.perPage)
      .offset((options.page - 1) * options.perPage),
    db
      .select({ total: sql<number>`count(*)::int` })
      .from(projects)
      .innerJoin(groups, eq(groups.id, projects.namespaceId))
      .where(and(...where)),
  ]);
  return { rows: rows.map(withAccess), total: count?.total ?? 0 };
}
