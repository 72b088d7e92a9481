import { sql } from "drizzle-orm";
import { epicBoardLabels, epicBoardLists, epicBoards, type Tx } from "@/lib/db";
import { recordBoardProblems, resolveLists, resolveScopeLabels, type BoardProblem } from "../support/board-parts";
import { BoardReferences, describeRef } from "../support/board-references";
import { readEpicBoard, type EpicBoardDraft, type EpicListDraft } from "./epic-board-record";
import type { EntityContext, NdjsonPipeline } from "../support/types";
import { sourceWebUrl } from "../support/source-urls";

type ListRow = typeof epicBoardLists.$inferInsert;

const epicBoardsUrl = (entity: EntityContext) => sourceWebUrl(entity, "epic_boards");

const listName = (list: EpicListDraft) => (list.label ? `label list ${describeRef(list.label)}` : `${list.listType} list`);

/** A list's row once its label is found or made here, with what makes it unique on its board, or why it cannot be. */
async function resolveList(refs: BoardReferences, boardId: number, list: EpicListDraft): Promise<{ row: ListRow; key: string } | { problem: string }> {
  const row: ListRow = { epicBoardId: boardId, listType: list.listType, position: list.position, sourceAttributes: list.sourceAttributes, createdAt: list.createdAt, updatedAt: list.updatedAt };
  if (list.listType !== "label") return { row, key: list.listType };
  row.labelId = await refs.label(list.label!);
  return row.labelId === null ? { problem: `label ${describeRef(list.label!)} was not imported` } : { row, key: `label:${row.labelId}` };
}

/**
 * One board with its lists and scope labels, all or nothing. A board this entity already imported (same import key)
 * is left as it is, so a replayed batch adds nothing and records no failure twice. A list whose label cannot be found
 * or made, or that repeats another (GitLab: one list per label), is skipped with a failure in the same transaction.
 */
async function loadBoard(tx: Tx, refs: BoardReferences, draft: EpicBoardDraft, entity: EntityContext): Promise<void> {
  const [board] = await tx
    .insert(epicBoards)
    .values(draft.board)
    .onConflictDoNothing({ target: [epicBoards.importEntityId, epicBoards.importKey], where: sql`${epicBoards.importKey} IS NOT NULL` })
    .returning({ id: epicBoards.id });
  if (!board) return;

  const problems: BoardProblem[] = [];
  const labelIds = await resolveScopeLabels(refs, draft.labels, problems);
  if (labelIds.length > 0) await tx.insert(epicBoardLabels).values(labelIds.map((labelId) => ({ epicBoardId: board.id, labelId })));
  const rows = await resolveLists(draft.lists, (list) => resolveList(refs, board.id, list), listName, (list) => list.listType, problems);
  if (rows.length > 0) await tx.insert(epicBoardLists).values(rows);

  await recordBoardProblems(tx, entity, { relation: "epic_boards", name: draft.board.name, sourceUrl: epicBoardsUrl(entity) }, problems);
}

/**
 * Stage 2, EE sources from 18.4: group epic boards (`epic_boards`, GitLab's EpicBoardsPipeline), each with its lists
 * and scope. Runs after labels, which lists point at by title; a label found nowhere is made from the nested one.
 */
export const epicBoardsPipeline: NdjsonPipeline<EpicBoardDraft> = {
  kind: "ndjson",
  relation: "epic_boards",
  transform: (record, entity, key) => readEpicBoard(record, entity.groupId!, entity.entityId, key),
  async load(tx, rows, entity) {
    const refs = await BoardReferences.open(tx, entity);
    for (const draft of rows) await loadBoard(tx, refs, draft, entity);
  },
  titleOf: (record) => (typeof record.name === "string" ? record.name : undefined),
  sourceUrlOf: (_record, entity) => epicBoardsUrl(entity),
};
