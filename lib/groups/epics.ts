import { and, asc, desc, eq, gte, inArray, lte, ne, or, sql, type SQL } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { ACCESS_LEVELS, awardEmoji, epicLabels, epics, getDb, groups, isRowId, labels, users } from "@/lib/db";
import type { Viewer } from "@/lib/viewer";
import { accessLevelSql, visibleToSql } from "./access";
import type { Group } from "./queries";

export type Epic = typeof epics.$inferSelect;
// The row lib/content calls Label: lib/content reads groups (iterations, epics), so lib/groups does not import it.
type Label = typeof labels.$inferSelect;

/** Who wrote something, with what the UI needs to mark placeholders of imported users. */
export interface UserSummary {
  id: number;
  username: string;
  name: string;
  state: "active" | "blocked";
  userType: "human" | "placeholder";
}

export interface AwardCount {
  name: string;
  count: number;
}

export interface EpicRow extends Epic {
  group: { id: number; path: string; fullPath: string; parentId: number | null };
  author: UserSummary | null;
  parent: { id: number; iid: number; groupId: number } | null;
  /** By title, as GitLab lists an epic's labels. */
  labels: Label[];
  /** Every emoji awarded to the epic, most awarded first. */
  awards: AwardCount[];
  upvotes: number;
  downvotes: number;
  /** Child epics the viewer can see. */
  childCount: number;
  /** Whether the viewer may read confidential things in the epic's group (internal notes): reporter or more, or admin. */
  canReadConfidential: boolean;
}

export interface ListEpicsOptions {
  /** Undefined lists both, as GitLab's `state=all`. */
  state?: "opened" | "closed";
  /** Matches title or description. */
  search?: string;
  /** Every label must be on the epic; GitLab's special values `None` (no label) and `Any` (at least one) too. */
  labels?: string[];
  notLabels?: string[];
  authorId?: number;
  authorUsername?: string;
  notAuthorId?: number;
  notAuthorUsername?: string;
  iids?: number[];
  confidential?: boolean;
  /** An emoji name the viewer awarded, or `None` / `Any`. */
  myReactionEmoji?: string;
  createdAfter?: Date;
  createdBefore?: Date;
  updatedAfter?: Date;
  updatedBefore?: Date;
  /** GitLab's default for group epics is true: the epics of the subgroups (those the viewer can see) too. */
  includeDescendantGroups?: boolean;
  includeAncestorGroups?: boolean;
  orderBy?: "created_at" | "updated_at" | "title";
  sort?: "asc" | "desc";
  page: number;
  perPage: number;
}

const ORDER = { created_at: epics.createdAt, updated_at: epics.updatedAt, title: epics.title } as const;
const UPVOTE = "thumbsup";
const DOWNVOTE = "thumbsdown";
const like = (text: string) => `%${text.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/**
 * Epics of a group (joined to `groups` as the epic's own group) that the viewer may read: the group is visible to them
 * (the rules of `findGroup`), and a confidential epic needs reporter access or more there, as in GitLab.
 */
export function readableEpicSql(viewer: Viewer): SQL {
  if (viewer.isAdmin) return sql`true`;
  return sql`(${visibleToSql(viewer)} AND (${epics.confidential} = false OR coalesce(${accessLevelSql(viewer.id)}, 0) >= ${ACCESS_LEVELS.reporter}))`;
}

function confidentialAccessSql(viewer: Viewer): SQL<boolean> {
  if (viewer.isAdmin) return sql<boolean>`true`;
  return sql<boolean>`coalesce(${accessLevelSql(viewer.id)}, 0) >= ${ACCESS_LEVELS.reporter}`;
}

/**
 * `readableEpicSql` for a group's list, as two sets of group ids computed once each (the visible groups of the scope, and
 * those where the viewer may read confidential epics) instead of a visibility check per epic row.
 */
function readableInScopeSql(viewer: Viewer, scope: SQL): SQL {
  const inGroups = (condition: SQL) => sql`${epics.groupId} IN (SELECT ${groups.id} FROM ${groups} WHERE ${condition})`;
  if (viewer.isAdmin) return inGroups(scope);
  return and(
    inGroups(and(scope, visibleToSql(viewer))!),
    or(eq(epics.confidential, false), inGroups(and(scope, visibleToSql(viewer), sql`coalesce(${accessLevelSql(viewer.id)}, 0) >= ${ACCESS_LEVELS.reporter}`)!)),
  )!;
}

/** The groups whose epics a group's list shows: itself, its descendants and (on request) its ancestors. */
function scopeSql(group: Group, options: Pick<ListEpicsOptions, "includeDescendantGroups" | "includeAncestorGroups">): SQL {
  const own = options.includeDescendantGroups === false ? eq(groups.id, group.id) : sql`${groups.traversalIds} @> ARRAY[${group.id}]::integer[]`;
  const ancestors = group.traversalIds.filter((id) => id !== group.id);
  return options.includeAncestorGroups && ancestors.length > 0 ? or(own, inArray(groups.id, ancestors))! : own;
}

function labelledSql(title: string): SQL {
  if (title.toLowerCase() === "none") return sql`NOT EXISTS (SELECT 1 FROM ${epicLabels} WHERE ${epicLabels.epicId} = ${epics.id})`;
  if (title.toLowerCase() === "any") return sql`EXISTS (SELECT 1 FROM ${epicLabels} WHERE ${epicLabels.epicId} = ${epics.id})`;
  return sql`EXISTS (SELECT 1 FROM ${epicLabels} JOIN ${labels} ON ${labels.id} = ${epicLabels.labelId} WHERE ${epicLabels.epicId} = ${epics.id} AND ${labels.title} = ${title})`;
}

const userIdByName = (username: string) => sql`(SELECT ${users.id} FROM ${users} WHERE lower(${users.username}) = lower(${username}))`;

function reactionSql(viewer: Viewer, emoji: string): SQL {
  const mine = sql`SELECT 1 FROM ${awardEmoji} WHERE ${awardEmoji.awardableType} = 'Epic' AND ${awardEmoji.awardableId} = ${epics.id} AND ${awardEmoji.userId} = ${viewer.id}`;
  if (emoji.toLowerCase() === "none") return sql`NOT EXISTS (${mine})`;
  if (emoji.toLowerCase() === "any") return sql`EXISTS (${mine})`;
  return sql`EXISTS (${mine} AND ${awardEmoji.name} = ${emoji})`;
}

function filtersSql(viewer: Viewer, o: ListEpicsOptions): SQL[] {
  const where: SQL[] = [];
  if (o.state) where.push(eq(epics.state, o.state));
  if (o.search) where.push(sql`(lower(${epics.title}) LIKE ${like(o.search)} OR lower(coalesce(${epics.description}, '')) LIKE ${like(o.search)})`);
  for (const title of o.labels ?? []) where.push(labelledSql(title));
  for (const title of o.notLabels ?? []) where.push(sql`NOT ${labelledSql(title)}`);
  if (o.authorId !== undefined) where.push(eq(epics.authorId, o.authorId));
  if (o.authorUsername !== undefined) where.push(sql`${epics.authorId} = ${userIdByName(o.authorUsername)}`);
  if (o.notAuthorId !== undefined) where.push(sql`${epics.authorId} IS DISTINCT FROM ${o.notAuthorId}`);
  if (o.notAuthorUsername !== undefined) where.push(sql`${epics.authorId} IS DISTINCT FROM ${userIdByName(o.notAuthorUsername)}`);
  if (o.iids?.length) where.push(inArray(epics.iid, o.iids));
  if (o.confidential !== undefined) where.push(eq(epics.confidential, o.confidential));
  if (o.myReactionEmoji) where.push(reactionSql(viewer, o.myReactionEmoji));
  if (o.createdAfter) where.push(gte(epics.createdAt, o.createdAfter));
  if (o.createdBefore) where.push(lte(epics.createdAt, o.createdBefore));
  if (o.updatedAfter) where.push(gte(epics.updatedAt, o.updatedAfter));
  if (o.updatedBefore) where.push(lte(epics.updatedAt, o.updatedBefore));
  return where;
}

const parentEpic = alias(epics, "parent_epic");

function selectEpics(viewer: Viewer) {
  return getDb()
    .select({
      epic: epics,
      group: { id: groups.id, path: groups.path, fullPath: groups.fullPath, parentId: groups.parentId },
      author: { id: users.id, username: users.username, name: users.name, state: users.state, userType: users.userType },
      parent: { id: parentEpic.id, iid: parentEpic.iid, groupId: parentEpic.groupId },
      canReadConfidential: confidentialAccessSql(viewer),
    })
    .from(epics)
    .innerJoin(groups, eq(groups.id, epics.groupId))
    .leftJoin(users, eq(users.id, epics.authorId))
    .leftJoin(parentEpic, eq(parentEpic.id, epics.parentId));
}

type SelectedEpic = Awaited<ReturnType<typeof selectEpics>>[number];

function groupBy<T, K>(items: T[], key: (item: T) => K): Map<K, T[]> {
  const map = new Map<K, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = map.get(k);
    if (list) list.push(item);
    else map.set(k, [item]);
  }
  return map;
}

/** Labels, award counts and visible child counts for a page of epics, in three queries whatever the page size. */
async function hydrate(viewer: Viewer, selected: SelectedEpic[]): Promise<EpicRow[]> {
  if (selected.length === 0) return [];
  const ids = selected.map((s) => s.epic.id);
  const db = getDb();
  const [labelRows, awardRows, childRows] = await Promise.all([
    db
      .select({ epicId: epicLabels.epicId, label: labels })
      .from(epicLabels)
      .innerJoin(labels, eq(labels.id, epicLabels.labelId))
      .where(inArray(epicLabels.epicId, ids))
      .orderBy(asc(labels.title), asc(labels.id)),
    db
      .select({ awardableId: awardEmoji.awardableId, name: awardEmoji.name, count: sql<number>`count(*)::int` })
      .from(awardEmoji)
      .where(and(eq(awardEmoji.awardableType, "Epic"), inArray(awardEmoji.awardableId, ids)))
      .groupBy(awardEmoji.awardableId, awardEmoji.name)
      .orderBy(desc(sql`count(*)`), asc(sql`min(${awardEmoji.createdAt})`), asc(awardEmoji.name)),
    db
      .select({ parentId: epics.parentId, count: sql<number>`count(*)::int` })
      .from(epics)
      .innerJoin(groups, eq(groups.id, epics.groupId))
      .where(and(inArray(epics.parentId, ids), readableEpicSql(viewer)))
      .groupBy(epics.parentId),
  ]);
  const labelsOf = groupBy(labelRows, (r) => r.epicId);
  const awardsOf = groupBy(awardRows, (r) => r.awardableId);
  const children = new Map(childRows.map((r) => [r.parentId, r.count]));
  return selected.map((s) => {
    const awards = (awardsOf.get(s.epic.id) ?? []).map(({ name, count }) => ({ name, count }));
    return {
      ...s.epic,
      group: s.group,
      author: s.author,
      parent: s.parent,
      labels: (labelsOf.get(s.epic.id) ?? []).map((r) => r.label),
      awards,
      upvotes: awards.find((a) => a.name === UPVOTE)?.count ?? 0,
      downvotes: awards.find((a) => a.name === DOWNVOTE)?.count ?? 0,
      childCount: children.get(s.epic.id) ?? 0,
      canReadConfidential: Boolean(s.canReadConfidential),
    };
  });
}

/** A group's epics as GitLab's `GET /groups/:id/epics` filters and orders them, with the total for the headers. */
export async function listEpics(viewer: Viewer, group: Group, options: ListEpicsOptions): Promise<{ rows: EpicRow[]; total: number }> {
  const where = and(readableInScopeSql(viewer, scopeSql(group, options)), ...filtersSql(viewer, options));
  const direction = options.sort === "asc" ? asc : desc;
  const [selected, [count]] = await Promise.all([
    selectEpics(viewer)
      .where(where)
      .orderBy(direction(ORDER[options.orderBy ?? "created_at"]), direction(epics.id))
      .limit(options.perPage)
      .offset((options.page - 1) * options.perPage),
    getDb().select({ total: sql<number>`count(*)::int` }).from(epics).where(where),
  ]);
  return { rows: await hydrate(viewer, selected), total: count?.total ?? 0 };
}

/** Open, closed and all epics matching the other filters, in one query, for the state tabs of the epics list. */
export async function countEpicsByState(viewer: Viewer, group: Group, options: Omit<ListEpicsOptions, "state" | "page" | "perPage">): Promise<{ opened: number; closed: number; all: number }> {
  const [row] = await getDb()
    .select({
      opened: sql<number>`count(*) FILTER (WHERE ${epics.state} = 'opened')::int`,
      closed: sql<number>`count(*) FILTER (WHERE ${epics.state} = 'closed')::int`,
      all: sql<number>`count(*)::int`,
    })
    .from(epics)
    .where(and(readableInScopeSql(viewer, scopeSql(group, options)), ...filtersSql(viewer, { ...options, page: 1, perPage: 1 })));
  return { opened: row?.opened ?? 0, closed: row?.closed ?? 0, all: row?.all ?? 0 };
}

/** The epic `iid` of exactly this group, if the viewer may read it (a confidential one they may not is not found). */
export async function findEpic(viewer: Viewer, group: Group, iid: number): Promise<EpicRow | undefined> {
  if (!isRowId(iid)) return undefined;
  const selected = await selectEpics(viewer)
    .where(and(eq(epics.groupId, group.id), eq(epics.iid, iid), readableEpicSql(viewer)))
    .limit(1);
  return (await hydrate(viewer, selected))[0];
}

/** An epic by id wherever it lives (a parent may be in an ancestor group), if the viewer may read it. */
export async function findEpicById(viewer: Viewer, id: number): Promise<EpicRow | undefined> {
  const selected = await selectEpics(viewer).where(and(eq(epics.id, id), readableEpicSql(viewer))).limit(1);
  return (await hydrate(viewer, selected))[0];
}

/**
 * The children of an epic inside the hierarchy of `group` (GitLab's child-epics endpoint is not paginated: an epic has
 * at most a few hundred children), by their position in the epic tree.
 */
export async function listChildEpics(viewer: Viewer, group: Group, epic: Pick<Epic, "id">): Promise<EpicRow[]> {
  const selected = await selectEpics(viewer)
    .where(and(eq(epics.parentId, epic.id), ne(epics.id, epic.id), readableInScopeSql(viewer, scopeSql(group, {}))))
    .orderBy(sql`${epics.relativePosition} ASC NULLS LAST`, asc(epics.id));
  return hydrate(viewer, selected);
}
