import { and, asc, eq, inArray, sql, type SQL } from "drizzle-orm";
import { ACCESS_LEVELS, getDb, labels, notes, users } from "@/lib/db";
import type { UserSummary } from "@/lib/groups";
import type { Viewer } from "@/lib/viewer";
import type { IssuableTables } from "./issuable-filters";
import type { Label } from "./labels";

// What the issue and merge request queries share when they gather a page of rows and what hangs from them.

/** A user as an issuable's entity shows one (author, assignee, reviewer...). */
export const userSummaryColumns = { id: users.id, username: users.username, name: users.name, state: users.state, userType: users.userType };

/** An integer[] parameter (for `= ANY(...)`): one parameter however many ids. */
export const intArray = (list: readonly number[]): SQL => sql`${`{${list.join(",")}}`}::integer[]`;

/** The rows by a numeric key, each list in the rows' order. */
export function groupBy<T>(items: readonly T[], key: (item: T) => number): Map<number, T[]> {
  const map = new Map<number, T[]>();
  for (const item of items) {
    const list = map.get(key(item));
    if (list) list.push(item);
    else map.set(key(item), [item]);
  }
  return map;
}

/** The ids, each once, without the nulls. */
export const distinct = (list: (number | null)[]) => [...new Set(list.filter((id): id is number => id !== null))];

/** The projects whose issues (or merge requests) the viewer may read, and those where they read internal notes too. */
export interface IssuableScope {
  projects: { id: number; fullPath: string; namespaceId: number }[];
  /** Projects where the viewer reads internal notes (and confidential issues): Reporter or more, or admin. */
  confidential: number[];
  viewer: Viewer;
}

/** The scope of the projects of `list` whose issuables `canRead` lets the viewer read. */
export function issuableScopeOf<P extends { id: number; fullPath: string; namespaceId: number; accessLevel: number | null }>(viewer: Viewer, list: P[], canRead: (project: P) => boolean): IssuableScope {
  const readable = list.filter(canRead);
  return {
    projects: readable.map((project) => ({ id: project.id, fullPath: project.fullPath, namespaceId: project.namespaceId })),
    confidential: readable.filter((project) => viewer.isAdmin || (project.accessLevel ?? 0) >= ACCESS_LEVELS.reporter).map((project) => project.id),
    viewer,
  };
}

/**
 * How many comments (not system notes) each of these issues or merge requests has that the scope's viewer may read:
 * internal ones count only where they read internal notes. One query; a row with none is absent.
 */
export async function userNoteCounts(scope: IssuableScope, noteableType: "Issue" | "MergeRequest", rows: readonly { id: number; projectId: number }[]): Promise<Map<number, number>> {
  const ids = rows.map((row) => row.id);
  const internalHidden = rows.filter((row) => !scope.viewer.isAdmin && !scope.confidential.includes(row.projectId)).map((row) => row.id);
  const counts = await getDb()
    .select({ id: notes.noteableId, count: sql<number>`count(*)::int` })
    .from(notes)
    .where(and(eq(notes.noteableType, noteableType), inArray(notes.noteableId, ids), eq(notes.system, false), internalHidden.length ? sql`NOT (${notes.internal} AND ${notes.noteableId} = ANY(${intArray(internalHidden)}))` : undefined))
    .groupBy(notes.noteableId);
  return new Map(counts.map((row) => [row.id, row.count]));
}

/** The users of one of the issuables' user links (assignees...), by issuable id, each list by user id. */
export async function linkedUsersOf(t: IssuableTables, link: string, ids: readonly number[]): Promise<Map<number, UserSummary[]>> {
  const { table, owner, userId } = t.userLinks[link]!;
  const rows = await getDb()
    .select({ ownerId: owner, user: userSummaryColumns })
    .from(table)
    .innerJoin(users, eq(users.id, userId))
    .where(inArray(owner, [...ids]))
    .orderBy(asc(users.id));
  return mapGroups(groupBy(rows, (row) => row.ownerId as number), (row) => row.user);
}

/** The issuables' labels, by issuable id, each list by title (as GitLab lists an issuable's labels). */
export async function linkedLabelsOf(t: IssuableTables, ids: readonly number[]): Promise<Map<number, Label[]>> {
  const { table, owner, labelId } = t.labelLinks;
  const rows = await getDb()
    .select({ ownerId: owner, label: labels })
    .from(table)
    .innerJoin(labels, eq(labels.id, labelId))
    .where(inArray(owner, [...ids]))
    .orderBy(asc(labels.title), asc(labels.id));
  return mapGroups(groupBy(rows, (row) => row.ownerId as number), (row) => row.label);
}

const mapGroups = <T, U>(groups: Map<number, T[]>, map: (item: T) => U) => new Map([...groups].map(([key, list]) => [key, list.map(map)]));
