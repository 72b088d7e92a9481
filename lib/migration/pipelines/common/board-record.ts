import type { Owner } from "@/lib/content";
import { boards, LIST_TYPES, type ListType } from "@/lib/db";
import { RecordError } from "../../errors";
import { importColumns, optionalDate, optionalTimestamp, requiredString, rest } from "../support/record-fields";

/** A label a board or list points at: its title (from the nested record) or, failing that, its id on the source. */
export interface LabelRef {
  sourceId: number | null;
  title: string | null;
  color: string | null;
  description: string | null;
  /** The nested label record, kept on a label the import has to create. */
  record: Record<string, unknown> | null;
}

export interface MilestoneRef {
  sourceId: number | null;
  title: string | null;
}

/** GitLab exports iterations without id or title (import_export.yml excludes them): dates identify them then. */
export interface IterationRef {
  title: string | null;
  startDate: string | null;
  dueDate: string | null;
}

export interface ListDraft {
  listType: ListType;
  position: number | null;
  label: LabelRef | null;
  milestone: MilestoneRef | null;
  iteration: IterationRef | null;
  sourceUserId: number | null;
  maxIssueCount: number;
  maxIssueWeight: number;
  sourceAttributes: Record<string, unknown>;
  createdAt: Date | undefined;
  updatedAt: Date | undefined;
}

/** A list that could not be read is skipped with a failure; the rest of its board still imports. */
export type ListEntry = { list: ListDraft } | { problem: string; title: string };

export interface BoardDraft {
  board: Omit<typeof boards.$inferInsert, "milestoneId" | "assigneeId">;
  milestone: MilestoneRef | null;
  assigneeSourceId: number | null;
  labels: LabelRef[];
  lists: ListEntry[];
}

// GitLab's Milestone::Any, Upcoming and Started: board scopes with no milestone row behind them.
export const SPECIAL_MILESTONES = new Set([-1, -2, -3]);
// List.list_types in GitLab, for exports that carry the enum's integer rather than its name.
const LIST_TYPE_NUMBERS: Record<number, ListType> = { 0: "backlog", 1: "label", 2: "closed", 3: "assignee", 4: "milestone", 5: "iteration" };

const BOARD_COLUMNS = ["name", "milestone_id", "milestone", "board_assignee", "weight", "hide_backlog_list", "hide_closed_list", "lists", "labels", "created_at", "updated_at"] as const;
// The nested `board` is a copy of the list's own board and `board_id` its id on the source: both are rebuilt on export.
const LIST_COLUMNS = ["board_id", "board", "list_type", "position", "label_id", "label", "milestone_id", "milestone", "iteration_id", "iteration", "user_id", "max_issue_count", "max_issue_weight", "created_at", "updated_at"];

const isObject = (value: unknown): value is Record<string, unknown> => Boolean(value) && typeof value === "object" && !Array.isArray(value);
const integer = (value: unknown): number | null => (typeof value === "number" && Number.isInteger(value) ? value : null);

function optionalInteger(record: Record<string, unknown>, field: string, min = -Infinity): number | null {
  const value = record[field];
  if (value === undefined || value === null) return null;
  if (typeof value !== "number" || !Number.isInteger(value) || value < min || value > 2 ** 31 - 1) throw new RecordError(`${field} must be an integer${min === 0 ? " greater than or equal to 0" : ""}`);
  return value;
}

function optionalBoolean(record: Record<string, unknown>, field: string): boolean {
  const value = record[field];
  if (value === undefined || value === null) return false;
  if (typeof value !== "boolean") throw new RecordError(`${field} must be true or false`);
  return value;
}

/** A label reference from a nested `label` record and/or the source's label id; null when neither names one. */
export function labelRef(nested: unknown, sourceId: unknown): LabelRef | null {
  const record = isObject(nested) ? nested : null;
  const title = record && typeof record.title === "string" && record.title.trim() !== "" ? record.title : null;
  if (!title && integer(sourceId) === null) return null;
  return {
    sourceId: integer(sourceId) ?? integer(record?.id),
    title,
    color: record && typeof record.color === "string" ? record.color : null,
    description: record && typeof record.description === "string" ? record.description : null,
    record,
  };
}

function milestoneRef(nested: unknown, sourceId: unknown): MilestoneRef | null {
  const record = isObject(nested) ? nested : null;
  const title = record && typeof record.title === "string" && record.title !== "" ? record.title : null;
  const id = integer(sourceId) ?? integer(record?.id);
  return title || (id !== null && id > 0) ? { sourceId: id, title } : null;
}

function iterationRef(nested: unknown): IterationRef | null {
  if (!isObject(nested)) return null;
  const ref = {
    title: typeof nested.title === "string" && nested.title !== "" ? nested.title : null,
    startDate: optionalDate(nested, "start_date"),
    dueDate: optionalDate(nested, "due_date"),
  };
  return ref.title || (ref.startDate && ref.dueDate) ? ref : null;
}

function listTypeOf(value: unknown): ListType | null {
  if (typeof value === "string" && (LIST_TYPES as readonly string[]).includes(value)) return value as ListType;
  if (typeof value === "number") return LIST_TYPE_NUMBERS[value] ?? null;
  return null;
}

/** One entry of a board's `lists`: a list, or why it cannot be one. */
export function readList(record: unknown, index: number): ListEntry {
  if (!isObject(record)) return { problem: `list ${index + 1} is not an object`, title: `list ${index + 1}` };
  const listType = listTypeOf(record.list_type);
  const title = `${typeof record.list_type === "string" ? record.list_type : "unknown"} list${typeof record.id === "number" ? ` ${record.id}` : ""}`;
  if (!listType) return { problem: `list_type ${JSON.stringify(record.list_type ?? null)} is not one of ${LIST_TYPES.join(", ")}`, title };
  try {
    const list: ListDraft = {
      listType,
      position: listType === "backlog" || listType === "closed" ? null : optionalInteger(record, "position", 0),
      label: listType === "label" ? labelRef(record.label, record.label_id) : null,
      milestone: listType === "milestone" ? milestoneRef(record.milestone, record.milestone_id) : null,
      iteration: listType === "iteration" ? iterationRef(record.iteration) : null,
      sourceUserId: listType === "assignee" ? optionalInteger(record, "user_id") : null,
      maxIssueCount: optionalInteger(record, "max_issue_count", 0) ?? 0,
      maxIssueWeight: optionalInteger(record, "max_issue_weight", 0) ?? 0,
      sourceAttributes: rest(record, LIST_COLUMNS),
      createdAt: optionalTimestamp(record, "created_at"),
      updatedAt: optionalTimestamp(record, "updated_at"),
    };
    if (listType === "label" && !list.label) return { problem: "label list has no label", title };
    if (listType === "milestone" && !list.milestone) return { problem: "milestone list has no milestone", title };
    if (listType === "iteration" && !list.iteration) return { problem: "iteration list has no iteration title or dates", title };
    if (listType === "assignee" && list.sourceUserId === null) return { problem: "assignee list has no user_id", title };
    return { list };
  } catch (error) {
    return { problem: error instanceof Error ? error.message : String(error), title };
  }
}

/**
 * A `boards` record (`boards: [lists: [:label, :board]]`, on EE also `:milestone`, `:labels`, `:board_assignee` and
 * lists' `:milestone`/`:iteration`) as a draft whose references are resolved when it loads. The board's own fields
 * are checked strictly (a bad one fails the board); a bad list only skips that list.
 */
export function readBoard(record: Record<string, unknown>, owner: Owner, entityId: number, key: string): BoardDraft {
  const milestoneId = optionalInteger(record, "milestone_id");
  const assignee = isObject(record.board_assignee) ? integer(record.board_assignee.assignee_id) : null;
  if (record.lists !== undefined && record.lists !== null && !Array.isArray(record.lists)) throw new RecordError("lists must be an array");
  if (record.labels !== undefined && record.labels !== null && !Array.isArray(record.labels)) throw new RecordError("labels must be an array");
  return {
    board: {
      name: requiredString(record, "name"),
      weight: optionalInteger(record, "weight"),
      hideBacklogList: optionalBoolean(record, "hide_backlog_list"),
      hideClosedList: optionalBoolean(record, "hide_closed_list"),
      milestoneScope: milestoneId !== null && SPECIAL_MILESTONES.has(milestoneId) ? milestoneId : null,
      ...importColumns(record, entityId, key, BOARD_COLUMNS),
      ...owner,
    },
    milestone: milestoneId !== null && SPECIAL_MILESTONES.has(milestoneId) ? null : milestoneRef(record.milestone, milestoneId),
    assigneeSourceId: assignee,
    labels: ((record.labels as unknown[] | null | undefined) ?? []).map((label) => labelRef(label, null)).filter((ref): ref is LabelRef => ref !== null),
    lists: ((record.lists as unknown[] | null | undefined) ?? []).map(readList),
  };
}
