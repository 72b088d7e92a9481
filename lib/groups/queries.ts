import { and, asc, desc, eq, inArray, isNull, sql, type SQL } from "drizzle-orm";
import { getDb, groupMembers, groups, isRowId, projects, users, containing } from "@/lib/db";
import type { Viewer } from "@/lib/viewer";
import { accessLevelSql, visibleToSql } from "./access";

export type Group = typeof groups.$inferSelect;
export type GroupWithAccess = Group & { accessLevel: number | null };

export interface ListGroupsOptions {
  search?: string;
  minAccessLevel?: number;
  topLevelOnly?: boolean;
  parentId?: number;
  /** Every descendant of this group, not only its children. */
  descendantsOf?: number;
  orderBy?: "name" | "path" | "id" | "created_at";
  sort?: "asc" | "desc";
  page: number;
  perPage: number;
}

const ORDER = { name: groups.name, path: groups.path, id: groups.id, created_at: groups.createdAt } as const;


/** Groups the viewer can see, filtered and paginated as GitLab's GET /groups does, with the total for headers. */
export async function listGroups(viewer: Viewer, options: ListGroupsOptions): Promise<{ rows: GroupWithAccess[]; total: number }> {
  const access = accessLevelSql(viewer.id);
  const where: SQL[] = [visibleToSql(viewer)];
  if (options.search) {
    const like = containing(options.search.toLowerCase());
    where.push(sql`(lower(${groups.name}) LIKE ${like} OR lower(${groups.path}) LIKE ${like})`);
  }
  if (options.minAccessLevel) where.push(sql`${access} >= ${options.minAccessLevel}`);
  if (options.topLevelOnly) where.push(isNull(groups.parentId));
  if (options.parentId !== undefined) where.push(eq(groups.parentId, options.parentId));
  if (options.descendantsOf !== undefined) {
    where.push(sql`${groups.traversalIds} @> ARRAY[${options.descendantsOf}]::integer[] AND ${groups.id} <> ${options.descendantsOf}`);
  }
  const order = ORDER[options.orderBy ?? "name"];
  const direction = options.sort === "desc" ? desc : asc;
  const db = getDb();
  const [rows, [count]] = await Promise.all([
    db
      .select({ group: groups, accessLevel: access })
      .from(groups)
      .where(and(...where))
      .orderBy(direction(order), direction(groups.id))
      .limit(options.perPage)
      .offset((options.page - 1) * options.perPage),
    db.select({ total: sql<number>`count(*)::int` }).from(groups).where(and(...where)),
  ]);
  return { rows: rows.map((r) => ({ ...r.group, accessLevel: r.accessLevel })), total: count?.total ?? 0 };
}

/**
 * A group by numeric id or full path (case-insensitive), if the viewer may see it. As on GitLab, all digits is an id,
 * never a path. An id past PostgreSQL's integer range, or a path with a NUL (which PostgreSQL text cannot hold), names
 * no group: it must not reach the query as an error.
 */
export async function findGroup(viewer: Viewer, idOrPath: string | number): Promise<GroupWithAccess | undefined> {
  const byId = typeof idOrPath === "number" || /^\d+$/.test(idOrPath);
  if (byId ? !isRowId(Number(idOrPath)) : String(idOrPath).includes("\0")) return undefined;
  const key = byId ? eq(groups.id, Number(idOrPath)) : sql`lower(${groups.fullPath}) = lower(${idOrPath})`;
  const [row] = await getDb()
    .select({ group: groups, accessLevel: accessLevelSql(viewer.id) })
    .from(groups)
    .where(and(key, visibleToSql(viewer)))
    .limit(1);
  return row ? { ...row.group, accessLevel: row.accessLevel } : undefined;
}

/** Whether a group or a project has this full path (case-insensitively): a new group or project may not take it. */
export async function fullPathExists(fullPath: string): Promise<boolean> {
  const [row] = await getDb()
    .select({ id: groups.id })
    .from(groups)
    .where(sql`lower(${groups.fullPath}) = lower(${fullPath})`)
    .limit(1);
  if (row) return true;
  const slash = fullPath.lastIndexOf("/");
  if (slash === -1) return false;
  // By namespace, then path: the (namespace, lower(path)) index answers it.
  const [project] = await getDb()
    .select({ id: projects.id })
    .from(projects)
    .innerJoin(groups, eq(groups.id, projects.namespaceId))
    .where(and(sql`lower(${groups.fullPath}) = lower(${fullPath.slice(0, slash)})`, sql`lower(${projects.path}) = lower(${fullPath.slice(slash + 1)})`))
    .limit(1);
  return Boolean(project);
}

export interface MemberRow {
  userId: number;
  username: string;
  name: string;
  accessLevel: number;
  expiresAt: string | null;
  createdAt: Date;
  /** The group the membership is on: this one, or an ancestor it is inherited from. */
  sourceGroupId: number;
}

/** Direct members, or with `inherited` the members of the group and its ancestors (highest level per user). */
export async function listMembers(
  group: Group,
  options: { inherited: boolean; search?: string; page: number; perPage: number },
): Promise<{ rows: MemberRow[]; total: number }> {
  const scope = options.inherited ? inArray(groupMembers.groupId, group.traversalIds) : eq(groupMembers.groupId, group.id);
  const where: SQL[] = [scope];
  if (options.search) {
    const like = containing(options.search.toLowerCase());
    where.push(sql`(lower(${users.username}) LIKE ${like} OR lower(${users.name}) LIKE ${like})`);
  }
  const db = getDb();
  const rows = await db
    .selectDistinctOn([groupMembers.userId], {
      userId: groupMembers.userId,
      username: users.username,
      name: users.name,
      accessLevel: groupMembers.accessLevel,
      expiresAt: groupMembers.expiresAt,
      createdAt: groupMembers.createdAt,
      sourceGroupId: groupMembers.groupId,
    })
    .from(groupMembers)
    .innerJoin(users, eq(users.id, groupMembers.userId))
    .where(and(...where))
    .orderBy(groupMembers.userId, desc(groupMembers.accessLevel), desc(sql`${groupMembers.groupId} = ${group.id}`));
  rows.sort((a, b) => b.accessLevel - a.accessLevel || a.username.localeCompare(b.username));
  const start = (options.page - 1) * options.perPage;
  return { rows: rows.slice(start, start + options.perPage), total: rows.length };
}
