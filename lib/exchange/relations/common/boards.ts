import { findBoardsById, type BoardDetails, type BoardIteration, type BoardListDetails, type Owner } from "@/lib/content";
import { boards } from "@/lib/db";
import { labelRecord } from "./labels";
import { milestoneRecord } from "./milestones";
import { mergedRecord } from "../support/merged-record";
import { iso, ownerIdsOf } from "../support/record-ids";
import type { CollectionRelation, ExportRecord } from "../support/types";

/** The board's own fields, as GitLab writes the board and the copy of it nested in each list. */
function boardColumns(board: BoardDetails): ExportRecord {
  return {
    id: board.id,
    created_at: iso(board.createdAt),
    updated_at: iso(board.updatedAt),
    name: board.name,
    milestone_id: board.milestone?.milestone.id ?? board.milestoneScope,
    group_id: board.groupId,
    weight: board.weight,
    hide_backlog_list: board.hideBacklogList,
    hide_closed_list: board.hideClosedList,
  };
}

/** GitLab's iteration export attributes (import_export.yml), with the title Ferry matches iterations by. */
const iterationRecord = ({ iteration }: BoardIteration): ExportRecord => ({
  iid: iteration.iid,
  created_at: iso(iteration.createdAt),
  updated_at: iso(iteration.updatedAt),
  start_date: iteration.startDate,
  due_date: iteration.dueDate,
  group_id: iteration.groupId,
  description: iteration.description,
  title: iteration.title,
});

function listRecord(list: BoardListDetails, board: ExportRecord): ExportRecord {
  const columns = {
    id: list.id,
    board_id: list.boardId,
    label_id: list.labelId,
    list_type: list.listType,
    position: list.position,
    created_at: iso(list.createdAt),
    updated_at: iso(list.updatedAt),
    user_id: list.userId,
    milestone_id: list.milestoneId,
    iteration_id: list.iterationId,
    max_issue_count: list.maxIssueCount,
    max_issue_weight: list.maxIssueWeight,
  };
  return mergedRecord(
    columns,
    list.sourceAttributes,
    columns,
    list.label && { label: labelRecord(list.label) },
    list.milestone && { milestone: milestoneRecord(list.milestone.milestone) },
    list.iteration && { iteration: iterationRecord(list.iteration) },
    { board },
  );
}

/**
 * A board as GitLab's group export writes it (`boards: [lists: [:label, :board]]`, with EE's `:milestone`, `:labels`,
 * `:board_assignee` and lists' `:milestone` and `:iteration`): the source's extra fields kept, Ferry's columns and ids
 * winning, and every list, the backlog and closed ones too, so that an importer rebuilds the same board.
 */
export function boardRecord(board: BoardDetails): ExportRecord {
  const columns = boardColumns(board);
  return mergedRecord(
    { id: board.id, project_id: board.projectId },
    columns,
    board.sourceAttributes,
    columns,
    { project_id: board.projectId },
    board.assignee && { board_assignee: { assignee_id: board.assignee.id } },
    board.milestone && { milestone: milestoneRecord(board.milestone.milestone) },
    { lists: board.lists.map((list) => listRecord(list, columns)), labels: board.labels.map(labelRecord) },
  );
}

export const boardsRelation: CollectionRelation<Owner> = {
  kind: "collection",
  name: "boards",
  ids: ownerIdsOf(boards, boards.id),
  async records(owner, ids) {
    return (await findBoardsById(owner, ids)).map(boardRecord);
  },
};
