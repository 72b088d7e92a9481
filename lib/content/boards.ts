import { and, asc, eq, inArray, sql } from "drizzle-orm";
import { boardLabels, boardLists, boards, getDb, groups, isRowId, iterationCadences, iterations, labels, milestones, users, type ListType } from "@/lib/db";
import { iterationStateOn, todayUtc, type IterationRow } from "@/lib/groups";
import type { Label } from "./labels";
import type { Milestone } from "./milestones";
import { ownerWhere, type OwnerRef } from "./owner";
import { ownerPathsOf, type OwnerPath } from "./owner-paths";

export type Board = typeof boards.$inferSelect;
export type BoardList = typeof boardLists.$inferSelect;

export interface BoardUser {
  id: number;
  username: string;
  name: string;
  state: "active" | "blocked";
}

/** A milestone with its owner (the board's group or project, or an ancestor group), for its URL. */
export interface BoardMilestone {
  milestone: Milestone;
  owner: OwnerPath;
}
export interface BoardIteration {
  iteration: IterationRow;
  groupFullPath: string;
}

export interface BoardListDetails extends BoardList {
  label: Label | null;
  milestone: BoardMilestone | null;
  iteration: BoardIteration | null;
  user: BoardUser | null;
}

export interface BoardDetails extends Board {
  milestone: BoardMilestone | null;
  assignee: BoardUser | null;
  /** The labels the board is scoped to, by title. */
  labels: Label[];
  /** GitLab's `ordered` scope: by list type (backlog, label, closed, assignee, milestone, iteration), then position. */
  lists: BoardListDetails[];
}

/** GitLab's special milestone scopes (`Milestone::Any`, `Upcoming`, `Started`), which have no milestone row. */
export const MILESTONE_SCOPES: Record<number, string> = { [-1]: "Any Milestone", [-2]: "Upcoming", [-3]: "Started" };

/** The lists GitLab's board lists API shows (`destroyable`): not the backlog (Open) and Closed lists. */
export const MOVABLE_LIST_TYPES: readonly ListType[] = ["label", "assignee", "milestone", "iteration"];

const LIST_TYPE_ORDER = sql`CASE ${boardLists.listType} WHEN 'backlog' THEN 0 WHEN 'label' THEN 1 WHEN 'closed' THEN 2 WHEN 'assignee' THEN 3 WHEN 'milestone' THEN 4 ELSE 5 END`;
// GitLab's Board.order_by_name_asc.
const BOARD_ORDER = [sql`lower(${boards.name})`, asc(boards.id)];

const present = <T>(values: (T | null)[]): T[] => [...new Set(values.filter((v): v is T => v !== null))];

async function milestonesById(ids: number[]): Promise<Map<number, BoardMilestone>> {
  if (ids.length === 0) return new Map();
  const rows = await getDb().select().from(milestones).where(inArray(milestones.id, ids));
  const ownerOf = await ownerPathsOf(rows);
  return new Map(rows.flatMap((milestone) => {
    const owner = ownerOf(milestone);
    return owner ? [[milestone.id, { milestone, owner }] as const] : [];
  }));
}

async function iterationsById(ids: number[]): Promise<Map<number, BoardIteration>> {
  if (ids.length === 0) return new Map();
  const today = todayUtc();
  const rows = await getDb()
    .select({ iteration: iterations, cadenceTitle: iterationCadences.title, groupFullPath: groups.fullPath })
    .from(iterations)
    .innerJoin(groups, eq(groups.id, iterations.groupId))
    .leftJoin(iterationCadences, eq(iterationCadences.id, iterations.cadenceId))
    .where(inArray(iterations.id, ids));
  return new Map(
    rows.map(({ iteration: i, cadenceTitle, groupFullPath }) => [
      i.id,
      {
        iteration: { id: i.id, iid: i.iid, sequence: i.sequence, groupId: i.groupId, cadenceId: i.cadenceId, cadenceTitle, title: i.title, description: i.description, state: iterationStateOn(i.startDate, i.dueDate, today), startDate: i.startDate, dueDate: i.dueDate, createdAt: i.createdAt, updatedAt: i.updatedAt },
        groupFullPath,
      },
    ]),
  );
}

async function usersById(ids: number[]): Promise<Map<number, BoardUser>> {
  if (ids.length === 0) return new Map();
  const rows = await getDb().select({ id: users.id, username: users.username, name: users.name, state: users.state }).from(users).where(inArray(users.id, ids));
  return new Map(rows.map((row) => [row.id, row]));
}

/** Boards with everything their API entity and page show, in a fixed number of queries whatever their count. */
async function withDetails(rows: Board[]): Promise<BoardDetails[]> {
  if (rows.length === 0) return [];
  const db = getDb();
  const ids = rows.map((row) => row.id);
  const [lists, scopes] = await Promise.all([
    db.select().from(boardLists).where(inArray(boardLists.boardId, ids)).orderBy(LIST_TYPE_ORDER, sql`${boardLists.position} ASC NULLS LAST`, asc(boardLists.id)),
    db.select({ boardId: boardLabels.boardId, label: labels }).from(boardLabels).innerJoin(labels, eq(labels.id, boardLabels.labelId)).where(inArray(boardLabels.boardId, ids)).orderBy(asc(labels.title), asc(labels.id)),
  ]);
  const labelIds = present(lists.map((l) => l.labelId));
  const [listLabels, milestoneMap, iterationMap, userMap] = await Promise.all([
    labelIds.length ? db.select().from(labels).where(inArray(labels.id, labelIds)) : Promise.resolve([] as Label[]),
    milestonesById(present([...rows.map((b) => b.milestoneId), ...lists.map((l) => l.milestoneId)])),
    iterationsById(present(lists.map((l) => l.iterationId))),
    usersById(present([...rows.map((b) => b.assigneeId), ...lists.map((l) => l.userId)])),
  ]);
  const labelMap = new Map(listLabels.map((label) => [label.id, label]));
  return rows.map((board) => ({
    ...board,
    milestone: board.milestoneId !== null ? (milestoneMap.get(board.milestoneId) ?? null) : null,
    assignee: board.assigneeId !== null ? (userMap.get(board.assigneeId) ?? null) : null,
    labels: scopes.filter((s) => s.boardId === board.id).map((s) => s.label),
    lists: lists
      .filter((list) => list.boardId === board.id)
      .map((list) => ({
        ...list,
        label: list.labelId !== null ? (labelMap.get(list.labelId) ?? null) : null,
        milestone: list.milestoneId !== null ? (milestoneMap.get(list.milestoneId) ?? null) : null,
        iteration: list.iterationId !== null ? (iterationMap.get(list.iterationId) ?? null) : null,
        user: list.userId !== null ? (userMap.get(list.userId) ?? null) : null,
      })),
  }));
}

/** An owner's boards by name (GitLab's order), a page at a time, with their lists and scope. */
export async function listBoards(owner: OwnerRef, options: { page: number; perPage: number }): Promise<{ rows: BoardDetails[]; total: number }> {
  const db = getDb();
  const [rows, [count]] = await Promise.all([
    db
      .select()
      .from(boards)
      .where(ownerWhere(boards, owner))
      .orderBy(...BOARD_ORDER)
      .limit(options.perPage)
      .offset((options.page - 1) * options.perPage),
    db.select({ total: sql<number>`count(*)::int` }).from(boards).where(ownerWhere(boards, owner)),
  ]);
  return { rows: await withDetails(rows), total: count?.total ?? 0 };
}

export async function findBoard(owner: OwnerRef, boardId: number): Promise<BoardDetails | undefined> {
  if (!isRowId(boardId)) return undefined;
  const rows = await getDb()
    .select()
    .from(boards)
    .where(and(ownerWhere(boards, owner), eq(boards.id, boardId)));
  return (await withDetails(rows))[0];
}

/** An owner's boards with these ids, in id order (an export batch); ids gone since are left out. */
export async function findBoardsById(owner: OwnerRef, ids: readonly number[]): Promise<BoardDetails[]> {
  if (ids.length === 0) return [];
  const rows = await getDb()
    .select()
    .from(boards)
    // One array parameter, not one per id: an export batch holds up to 1000.
    .where(and(ownerWhere(boards, owner), sql`${boards.id} = ANY(${`{${ids.join(",")}}`}::integer[])`))
    .orderBy(asc(boards.id));
  return withDetails(rows);
}

/** Every board of an owner as id and name, by name: what a board switcher offers. */
export async function listBoardNames(owner: OwnerRef): Promise<{ id: number; name: string }[]> {
  return getDb()
    .select({ id: boards.id, name: boards.name })
    .from(boards)
    .where(ownerWhere(boards, owner))
    .orderBy(...BOARD_ORDER);
}
