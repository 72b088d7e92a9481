import { epicBoards } from "@/lib/db";
import { findEpicBoardsById, type EpicBoardDetails, type EpicBoardListDetails } from "@/lib/groups";
import { labelRecord } from "../common/labels";
import { mergedRecord } from "../support/merged-record";
import { without } from "../support/record-fields";
import { idsOf, iso } from "../support/record-ids";
import type { CollectionRelation, ExportRecord } from "../support/types";

// import_export.yml excluded_attributes: what GitLab never exports, even when a source sent it to Ferry.
const BOARD_EXCLUDED = new Set(["id"]);
const LIST_EXCLUDED = new Set(["id", "epic_board_id", "label_id"]);

/** A list as GitLab exports it (`created_at updated_at position list_type group_id`, the enum by name, its `label`). */
function listRecord(list: EpicBoardListDetails, groupId: number): ExportRecord {
  const columns = { created_at: iso(list.createdAt), updated_at: iso(list.updatedAt), position: list.position, list_type: list.listType, group_id: groupId };
  return mergedRecord(columns, without(list.sourceAttributes, LIST_EXCLUDED), columns, list.label && { label: labelRecord(list.label) });
}

/**
 * An epic board as GitLab EE's group export writes it (`epic_boards: [epic_lists: [:label]]`, included attributes in
 * the table's column order), the source's extra fields kept and Ferry's columns winning. Every list goes out, Open
 * and Closed too, so that an importer rebuilds the same board. Scope labels, which GitLab's tree leaves out, go out
 * as `labels` when the board has any: Ferry's importer takes them, so a Ferry-to-Ferry migration keeps the scope.
 */
export function epicBoardRecord(board: EpicBoardDetails): ExportRecord {
  const columns = {
    hide_backlog_list: board.hideBacklogList,
    hide_closed_list: board.hideClosedList,
    group_id: board.groupId,
    created_at: iso(board.createdAt),
    updated_at: iso(board.updatedAt),
    name: board.name,
    display_colors: board.displayColors,
  };
  return mergedRecord(
    columns,
    without(board.sourceAttributes, BOARD_EXCLUDED),
    columns,
    { epic_lists: board.lists.map((list) => listRecord(list, board.groupId)) },
    board.labels.length > 0 && { labels: board.labels.map(labelRecord) },
  );
}

/** EE's `epic_boards`: one record per board; an export from Ferry reports the instance as enterprise. */
export const epicBoardsRelation: CollectionRelation = {
  kind: "collection",
  name: "epic_boards",
  ids: idsOf(epicBoards, epicBoards.id, epicBoards.groupId),
  async records(groupId, ids) {
    return (await findEpicBoardsById(groupId, ids)).map(epicBoardRecord);
  },
};
