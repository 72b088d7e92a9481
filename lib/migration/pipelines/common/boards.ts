import { sql } from "drizzle-orm";
import { boardLabels, boardLists, boards, type Tx } from "@/lib/db";
import { recordBoardProblems, resolveLists, resolveScopeLabels, type BoardProblem } from "../support/board-parts";
import { prepareSourceUsers } from "../../source-users";
import { readBoard, type BoardDraft, type ListDraft } from "./board-record";
import { BoardReferences, describeIteration, describeRef } from "../support/board-references";
import { ownerOf } from "../support/owner";
import type { EntityContext, NdjsonPipeline } from "../support/types";
import { sourceWebUrl } from "../support/source-urls";

type ListRow = typeof boardLists.$inferInsert;

/** The source users a chunk of boards names (assignee lists and scopes), ascending. */
function sourceUsersOf(rows: BoardDraft[]): number[] {
  const ids = rows.flatMap((row) => [row.assigneeSourceId, ...row.lists.map((entry) => ("list" in entry ? entry.list.sourceUserId : null))]);
  return [...new Set(ids.filter((id): id is number => id !== null))].sort((a, b) => a - b);
}

const boardUrl = (entity: EntityContext, sourceId: unknown) =>
  sourceWebUrl(entity, `boards${typeof sourceId === "number" || typeof sourceId === "string" ? `/${sourceId}` : ""}`);

/** A list's row once its label, milestone, iteration or user is found here, or why it cannot be. */
async function resolveList(refs: BoardReferences, users: Map<number, number>, boardId: number, list: ListDraft): Promise<{ row: ListRow; key: string } | { problem: string }> {
  const row: ListRow = {
    boardId,
    listType: list.listType,
    position: list.position,
    maxIssueCount: list.maxIssueCount,
    maxIssueWeight: list.maxIssueWeight,
    sourceAttributes: list.sourceAttributes,
    createdAt: list.createdAt,
    updatedAt: list.updatedAt,
  };
  switch (list.listType) {
    case "backlog":
    case "closed":
      return { row, key: list.listType };
    case "label": {
      row.labelId = await refs.label(list.label!);
      return row.labelId === null ? { problem: `label ${describeRef(list.label!)} was not imported` } : { row, key: `label:${row.labelId}` };
    }
    case "milestone": {
      row.milestoneId = await refs.milestone(list.milestone!);
      return row.milestoneId === null ? { problem: `milestone ${describeRef(list.milestone!)} not found in the group or its parents` } : { row, key: `milestone:${row.milestoneId}` };
    }
    case "iteration": {
      row.iterationId = await refs.iteration(list.iteration!);
      return row.iterationId === null ? { problem: `iteration ${describeIteration(list.iteration!)} not found in the group or its parents` } : { row, key: `iteration:${row.iterationId}` };
    }
    case "assignee": {
      row.userId = users.get(list.sourceUserId!)!;
      return { row, key: `assignee:${row.userId}` };
    }
  }
}

/**
 * One board with its lists and scope labels, all or nothing. A board this entity already imported (same import key)
 * is left as it is, so a replayed batch adds nothing and records no failure twice. References that cannot be found
 * skip the list (or drop that part of the board's scope) with one failure each, recorded in the same transaction.
 */
async function loadBoard(tx: Tx, refs: BoardReferences, users: Map<number, number>, draft: BoardDraft, entity: EntityContext): Promise<void> {
  const problems: BoardProblem[] = [];
  const milestoneId = draft.milestone ? await refs.milestone(draft.milestone) : null;
  if (draft.milestone && milestoneId === null) problems.push({ title: "milestone scope", message: `milestone ${describeRef(draft.milestone)} not found in the group or its parents; the board has no milestone scope` });
  const assigneeId = draft.assigneeSourceId !== null ? users.get(draft.assigneeSourceId)! : null;

  const [board] = await tx
    .insert(boards)
    .values(Object.assign({}, draft.board, { milestoneId, assigneeId }))
    .onConflictDoNothing({ target: [boards.importEntityId, boards.importKey], where: sql`${boards.importKey} IS NOT NULL` })
    .returning({ id: boards.id });
  if (!board) return;

  const labelIds = await resolveScopeLabels(refs, draft.labels, problems);
  if (labelIds.length > 0) await tx.insert(boardLabels).values(labelIds.map((labelId) => ({ boardId: board.id, labelId })));
  const listName = (list: ListDraft) => `${list.listType} list`;
  const rows = await resolveLists(draft.lists, (list) => resolveList(refs, users, board.id, list), listName, (list) => list.listType, problems);
  if (rows.length > 0) await tx.insert(boardLists).values(rows);

  await recordBoardProblems(tx, entity, { relation: "boards", name: draft.board.name, sourceUrl: boardUrl(entity, draft.board.sourceAttributes?.id) }, problems);
}

/**
 * Stage 2: issue boards (`boards` export, GitLab's BoardsPipeline), each with its lists and scope. Runs after labels
 * and milestones, which lists point at by title.
 */
export const boardsPipeline: NdjsonPipeline<BoardDraft> = {
  kind: "ndjson",
  relation: "boards",
  transform: (record, entity, key) => readBoard(record, ownerOf(entity), entity.entityId, key),
  // Assignee lists and scopes name source users by id only: their names come from the source before the load.
  prepare: (rows, { entity, client }) => prepareSourceUsers(client, entity, sourceUsersOf(rows).map((id) => ({ id }))),
  async load(tx, rows, entity) {
    const refs = await BoardReferences.open(tx, entity);
    const users = await refs.users(sourceUsersOf(rows));
    for (const draft of rows) await loadBoard(tx, refs, users, draft, entity);
  },
  titleOf: (record) => (typeof record.name === "string" ? record.name : undefined),
  sourceUrlOf: (record, entity) => boardUrl(entity, record.id),
};
