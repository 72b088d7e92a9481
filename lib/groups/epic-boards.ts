import { and, asc, eq, inArray, sql } from "drizzle-orm";
import { epicBoardLabels, epicBoardLists, epicBoards, getDb, isRowId, labels, type EpicListType } from "@/lib/db";
import type { Viewer } from "@/lib/viewer";
import { listEpics, type EpicRow } from "./epics";
import type { Group } from "./queries";

export type EpicBoard = typeof epicBoards.$inferSelect;
// The row lib/content calls Label (see epics.ts).
type Label = typeof labels.$inferSelect;
export type EpicBoardList = typeof epicBoardLists.$inferSelect;

export interface EpicBoardListDetails extends EpicBoardList {
  label: Label | null;
}

export interface EpicBoardDetails extends EpicBoard {
  /** The labels the board is scoped to, by title. */
  labels: Label[];
  /** GitLab's `ordered` scope: backlog, label lists by position, closed. */
  lists: EpicBoardListDetails[];
}

/** One column of an epic board as shown: its list (none for an Open list GitLab would make on first show) and cards. */
export interface EpicBoardColumn {
  key: string;
  listType: EpicListType;
  list: EpicBoardListDetails | null;
  /** The first cards of the list, newest first. */
  epics: EpicRow[];
  /** Every epic the list holds for this viewer. */
  total: number;
}

const LIST_TYPE_ORDER = sql`CASE ${epicBoardLists.listType} WHEN 'backlog' THEN 0 WHEN 'label' THEN 1 ELSE 2 END`;
// GitLab's EpicBoard.order_by_name_asc.
const BOARD_ORDER = [sql`lower(${epicBoards.name})`, asc(epicBoards.id)];

/** Boards with their lists and scope, in three queries whatever their count. */
async function withDetails(rows: EpicBoard[]): Promise<EpicBoardDetails[]> {
  if (rows.length === 0) return [];
  const db = getDb();
  const ids = rows.map((row) => row.id);
  const [lists, scopes] = await Promise.all([
    db
      .select({ list: epicBoardLists, label: labels })
      .from(epicBoardLists)
      .leftJoin(labels, eq(labels.id, epicBoardLists.labelId))
      .where(inArray(epicBoardLists.epicBoardId, ids))
      .orderBy(LIST_TYPE_ORDER, sql`${epicBoardLists.position} ASC NULLS LAST`, asc(epicBoardLists.id)),
    db
      .select({ boardId: epicBoardLabels.epicBoardId, label: labels })
      .from(epicBoardLabels)
      .innerJoin(labels, eq(labels.id, epicBoardLabels.labelId))
      .where(inArray(epicBoardLabels.epicBoardId, ids))
      .orderBy(asc(labels.title), asc(labels.id)),
  ]);
  return rows.map((board) => ({
    ...board,
    labels: scopes.filter((s) => s.boardId === board.id).map((s) => s.label),
    lists: lists.filter((l) => l.list.epicBoardId === board.id).map((l) => ({ ...l.list, label: l.label })),
  }));
}

/** Every epic board of a group as id and name, by name: what a board switcher offers. */
export async function listEpicBoardNames(groupId: number): Promise<{ id: number; name: string }[]> {
  return getDb()
    .select({ id: epicBoards.id, name: epicBoards.name })
    .from(epicBoards)
    .where(eq(epicBoards.groupId, groupId))
    .orderBy(...BOARD_ORDER);
}

export async function findEpicBoard(groupId: number, boardId: number): Promise<EpicBoardDetails | undefined> {
  if (!isRowId(boardId)) return undefined;
  const rows = await getDb()
    .select()
    .from(epicBoards)
    .where(and(eq(epicBoards.groupId, groupId), eq(epicBoards.id, boardId)));
  return (await withDetails(rows))[0];
}

/** A group's epic boards with these ids, in id order (an export batch); ids gone since are left out. */
export async function findEpicBoardsById(groupId: number, ids: readonly number[]): Promise<EpicBoardDetails[]> {
  if (ids.length === 0) return [];
  const rows = await getDb()
    .select()
    .from(epicBoards)
    // One array parameter, not one per id: an export batch holds up to 1000.
    .where(and(eq(epicBoards.groupId, groupId), sql`${epicBoards.id} = ANY(${`{${ids.join(",")}}`}::integer[])`))
    .orderBy(asc(epicBoards.id));
  return withDetails(rows);
}

/**
 * GitLab's columns: Open (unless hidden; GitLab makes the backlog list when a board is first shown, so it is there even
 * for an imported board whose export had none), the label lists by position, Closed (when the board has it, unless
 * hidden).
 */
function visibleLists(board: EpicBoardDetails): { key: string; listType: EpicListType; list: EpicBoardListDetails | null }[] {
  const backlog = board.lists.find((l) => l.listType === "backlog") ?? null;
  const closed = board.lists.find((l) => l.listType === "closed");
  const labelled = board.lists.filter((l) => l.listType === "label" && l.label);
  return [
    ...(board.hideBacklogList ? [] : [{ key: backlog ? `list-${backlog.id}` : "open", listType: "backlog" as const, list: backlog }]),
    ...labelled.map((list) => ({ key: `list-${list.id}`, listType: list.listType, list })),
    ...(closed && !board.hideClosedList ? [{ key: `list-${closed.id}`, listType: "closed" as const, list: closed }] : []),
  ];
}

/**
 * The board's columns with their cards: the epics of the group and its subgroups the viewer may read, within the
 * board's label scope. A label list holds the open epics with its label (by title, as GitLab matches a list's label
 * across the hierarchy), Open the open epics with none of the lists' labels, Closed the closed epics. `perList` cards
 * at most per column, with each column's total.
 */
export async function listEpicBoardColumns(viewer: Viewer, group: Group, board: EpicBoardDetails, perList: number): Promise<EpicBoardColumn[]> {
  const scope = board.labels.map((l) => l.title);
  const listLabels = board.lists.flatMap((l) => (l.listType === "label" && l.label ? [l.label.title] : []));
  return Promise.all(
    visibleLists(board).map(async (column) => {
      const filter =
        column.listType === "closed"
          ? { state: "closed" as const, labels: scope }
          : column.listType === "label"
            ? { state: "opened" as const, labels: [...scope, column.list!.label!.title] }
            : { state: "opened" as const, labels: scope, notLabels: listLabels };
      const { rows, total } = await listEpics(viewer, group, { ...filter, page: 1, perPage: perList });
      return { ...column, epics: rows, total };
    }),
  );
}
