import { EPIC_LIST_TYPES, type epicBoards, type EpicListType } from "@/lib/db";
import { RecordError } from "../../errors";
import { labelRef, type LabelRef } from "../common/board-record";
import { optionalInteger } from "../support/nested-fields";
import { importColumns, optionalBoolean, optionalTimestamp, requiredString, rest } from "../support/record-fields";

export interface EpicListDraft {
  listType: EpicListType;
  position: number | null;
  label: LabelRef | null;
  sourceAttributes: Record<string, unknown>;
  createdAt: Date | undefined;
  updatedAt: Date | undefined;
}

/** A list that could not be read is skipped with a failure; the rest of its board still imports. */
export type EpicListEntry = { list: EpicListDraft } | { problem: string; title: string };

export interface EpicBoardDraft {
  board: typeof epicBoards.$inferInsert;
  /** The board's scope labels, when the export carries them (GitLab's tree has `epic_lists` only). */
  labels: LabelRef[];
  lists: EpicListEntry[];
}

const BOARD_COLUMNS = ["name", "hide_backlog_list", "hide_closed_list", "display_colors", "epic_lists", "labels", "created_at", "updated_at"] as const;
// `epic_board_id` and `label_id` are ids on the source (GitLab's export leaves them out), the nested label is matched by
// title: none of them means anything here, and an export rebuilds them.
const LIST_COLUMNS = ["epic_board_id", "list_type", "position", "label_id", "label", "created_at", "updated_at"];

const isObject = (value: unknown): value is Record<string, unknown> => Boolean(value) && typeof value === "object" && !Array.isArray(value);

/** `list_type` as the enum's name (what `as_json` writes) or its integer (backlog 0, label 1, closed 2). */
function listTypeOf(value: unknown): EpicListType | null {
  if (typeof value === "string" && (EPIC_LIST_TYPES as readonly string[]).includes(value)) return value as EpicListType;
  if (typeof value === "number" && Number.isInteger(value)) return EPIC_LIST_TYPES[value] ?? null;
  return null;
}

function listTitle(record: Record<string, unknown>, listType: EpicListType | null, index: number): string {
  if (listType === "label" && isObject(record.label) && typeof record.label.title === "string") return `label list "${record.label.title}"`;
  return listType ? `${listType} list` : `list ${index + 1}`;
}

/** One entry of a board's `epic_lists`: a list, or why it cannot be one. */
export function readEpicList(record: unknown, index: number): EpicListEntry {
  if (!isObject(record)) return { problem: `list ${index + 1} is not an object`, title: `list ${index + 1}` };
  const listType = listTypeOf(record.list_type);
  const title = listTitle(record, listType, index);
  if (!listType) return { problem: `list_type ${JSON.stringify(record.list_type ?? null)} is not one of ${EPIC_LIST_TYPES.join(", ")}`, title };
  try {
    const position = listType === "label" ? optionalInteger(record, "position") : null;
    if (position !== null && position < 0) throw new RecordError("position must be greater than or equal to 0");
    const label = listType === "label" ? labelRef(record.label, record.label_id) : null;
    if (listType === "label" && !label) return { problem: "label list has no label", title };
    return {
      list: {
        listType,
        position,
        label,
        sourceAttributes: rest(record, LIST_COLUMNS),
        createdAt: optionalTimestamp(record, "created_at"),
        updatedAt: optionalTimestamp(record, "updated_at"),
      },
    };
  } catch (error) {
    return { problem: error instanceof Error ? error.message : String(error), title };
  }
}

function nestedArray(record: Record<string, unknown>, field: string): unknown[] {
  const value = record[field];
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) throw new RecordError(`${field} must be an array`);
  return value;
}

/**
 * An `epic_boards` record (EE tree `epic_boards: [epic_lists: [:label]]`) as a draft whose labels are resolved when it
 * loads. The board's own fields are checked strictly (a bad one fails the board); a bad list only skips that list.
 */
export function readEpicBoard(record: Record<string, unknown>, groupId: number, entityId: number, key: string): EpicBoardDraft {
  const lists = nestedArray(record, "epic_lists");
  const labels = nestedArray(record, "labels");
  return {
    board: {
      groupId,
      name: requiredString(record, "name"),
      hideBacklogList: optionalBoolean(record, "hide_backlog_list") ?? false,
      hideClosedList: optionalBoolean(record, "hide_closed_list") ?? false,
      // GitLab's column default: a board shows its epics' colours unless told not to.
      displayColors: optionalBoolean(record, "display_colors") ?? true,
      ...importColumns(record, entityId, key, BOARD_COLUMNS),
    },
    labels: labels.map((label) => labelRef(label, null)).filter((ref): ref is LabelRef => ref !== null),
    lists: lists.map(readEpicList),
  };
}
