import type { issues } from "@/lib/db";
import { RecordError } from "../../errors";
import type { SourceUserRef } from "../../source-users";
import { activityUsers, issuableActivityOf, type IssuableActivity } from "../support/issuable-activity";
import { stateOf } from "../support/issuable-fields";
import { nestedList, nestedRecord, optionalInteger, optionalUserId, within } from "../support/nested-fields";
import { ownerOf } from "../support/owner";
import { importColumns, optionalBoolean, optionalDate, optionalString, optionalTimestamp, rest, requiredString } from "../support/record-fields";
import type { EntityContext } from "../support/types";
import { designUsers, issueDesignsOf, type IssueDesigns } from "./issue-designs-transform";

type IssueValues = Omit<typeof issues.$inferInsert, "authorId" | "closedById" | "updatedById" | "lastEditedById" | "milestoneId" | "iterationId">;

export interface ZoomMeetingInput {
  url: string;
  issueStatus: number;
  sourceAttributes: Record<string, unknown>;
  createdAt: Date | undefined;
  updatedAt: Date | undefined;
}

/** One source issue, ready to load: its columns, the source users it names, and its nested records. */
export interface IssueRow extends IssuableActivity {
  values: IssueValues & { importKey: string };
  authorId: number | null;
  closedById: number | null;
  updatedById: number | null;
  lastEditedById: number | null;
  /** The group epic it belongs to, by iid (`epic_issue.epic`), and its place in the epic. */
  epic: { iid: number; relativePosition: number | null; sourceAttributes: Record<string, unknown> } | null;
  iteration: { title: string | null; startDate: string | null; dueDate: string | null } | null;
  assigneeIds: number[];
  zoomMeetings: ZoomMeetingInput[];
  /** Its designs, their versions and notes: rows of their own, no longer kept in the issue's record. */
  designs: IssueDesigns;
  users: SourceUserRef[];
}

/**
 * What became a column or a row of its own; the rest is kept as it came. `milestone`, `iteration` and `epic_issue` are
 * dropped from the kept record only once the load has found what they name (issues-load.ts).
 */
const ISSUE_COLUMNS = [
  "iid", "title", "description", "state", "state_id", "confidential", "author_id", "closed_by_id", "updated_by_id",
  "last_edited_by_id", "last_edited_at", "closed_at", "weight", "due_date", "discussion_locked", "time_estimate",
  "relative_position", "health_status", "work_item_type", "issue_type", "created_at", "updated_at", "label_links",
  "labels", "award_emoji", "notes", "events", "resource_state_events", "resource_label_events",
  "resource_milestone_events", "issue_assignees", "timelogs", "zoom_meetings", "milestone_id", "sprint_id",
  "designs", "design_versions",
] as const;

// GitLab's WorkItems::Type base types, and its issue_type values (the same names).
const BASE_TYPES = ["issue", "incident", "test_case", "requirement", "task", "objective", "key_result", "epic", "ticket"];
// Health status enum (1..3) of GitLab EE, for exports that give the number.
const HEALTH = ["", "on_track", "needs_attention", "at_risk"];
const HEALTH_STATUSES = new Set(HEALTH.slice(1));

/**
 * GitLab's own resolution (Issue#work_item_type from the import): the nested `work_item_type`'s base type, else its
 * name ("Task"), else the old `issue_type`; anything it does not know is a plain issue.
 */
function workItemTypeOf(record: Record<string, unknown>): string {
  const nested = nestedRecord(record, "work_item_type");
  const candidates = [nested?.base_type, typeof nested?.name === "string" ? nested.name.toLowerCase().replace(/ /g, "_") : undefined, nested ? undefined : record.issue_type];
  const known = candidates.find((value): value is string => typeof value === "string" && BASE_TYPES.includes(value));
  return known ?? "issue";
}

function healthStatusOf(record: Record<string, unknown>): string | null {
  const raw = record.health_status;
  if (raw === undefined || raw === null) return null;
  const name = typeof raw === "number" ? HEALTH[raw] : raw;
  if (typeof name !== "string" || !HEALTH_STATUSES.has(name)) throw new RecordError(`health_status ${JSON.stringify(raw)} is not valid`);
  return name;
}

function zoomMeetingOf(record: Record<string, unknown>): ZoomMeetingInput {
  return {
    url: requiredString(record, "url", 255),
    issueStatus: optionalInteger(record, "issue_status") ?? 1,
    sourceAttributes: rest(record, ["url", "issue_status", "created_at", "updated_at"]),
    createdAt: optionalTimestamp(record, "created_at"),
    updatedAt: optionalTimestamp(record, "updated_at"),
  };
}

function epicOf(record: Record<string, unknown>): IssueRow["epic"] {
  const link = nestedRecord(record, "epic_issue");
  const epic = link && within("epic_issue", () => nestedRecord(link, "epic"));
  if (!link || !epic) return null;
  const iid = within("epic_issue.epic", () => optionalInteger(epic, "iid"));
  if (iid === null || iid < 1) throw new RecordError("epic_issue.epic: iid must be a positive integer");
  return { iid, relativePosition: within("epic_issue", () => optionalInteger(link, "relative_position")), sourceAttributes: rest(link, ["epic", "relative_position"]) };
}

function iterationOf(record: Record<string, unknown>): IssueRow["iteration"] {
  const iteration = nestedRecord(record, "iteration");
  if (!iteration) return null;
  return within("iteration", () => ({ title: optionalString(iteration, "title"), startDate: optionalDate(iteration, "start_date"), dueDate: optionalDate(iteration, "due_date") }));
}

/** `issue_assignees: [{ user_id }]` (the export tree) or `assignee_ids`; GitLab's own fixture names a user twice. */
function assigneesOf(record: Record<string, unknown>): number[] {
  const ids = nestedList(record, "issue_assignees").map((assignee, i) => within(`issue_assignees[${i}]`, () => optionalUserId(assignee, "user_id")));
  return [...new Set(ids.filter((id): id is number => id !== null))];
}

function usersOf(row: Omit<IssueRow, "users">): SourceUserRef[] {
  const ids = [row.authorId, row.closedById, row.updatedById, row.lastEditedById, ...row.assigneeIds];
  return [...ids.flatMap((id) => (id === null ? [] : [{ id }])), ...activityUsers(row), ...designUsers(row.designs)];
}

export function transformIssue(record: Record<string, unknown>, entity: EntityContext, key: string): IssueRow {
  const iid = record.iid;
  if (typeof iid !== "number" || !Number.isInteger(iid) || iid < 1 || iid > 2 ** 31 - 1) throw new RecordError("iid must be a positive integer");
  const state = stateOf(record);
  const row = {
    values: {
      projectId: ownerOf(entity).projectId!,
      iid,
      title: requiredString(record, "title"),
      description: optionalString(record, "description"),
      state,
      confidential: optionalBoolean(record, "confidential") ?? false,
      weight: optionalInteger(record, "weight"),
      dueDate: optionalDate(record, "due_date"),
      discussionLocked: optionalBoolean(record, "discussion_locked"),
      timeEstimate: optionalInteger(record, "time_estimate") ?? 0,
      relativePosition: optionalInteger(record, "relative_position"),
      workItemType: workItemTypeOf(record),
      healthStatus: healthStatusOf(record),
      closedAt: optionalTimestamp(record, "closed_at") ?? null,
      lastEditedAt: optionalTimestamp(record, "last_edited_at") ?? null,
      ...importColumns(record, entity.entityId, key, ISSUE_COLUMNS),
      importKey: key,
    },
    authorId: optionalUserId(record, "author_id"),
    closedById: optionalUserId(record, "closed_by_id"),
    updatedById: optionalUserId(record, "updated_by_id"),
    lastEditedById: optionalUserId(record, "last_edited_by_id"),
    ...issuableActivityOf(record, key),
    epic: epicOf(record),
    iteration: iterationOf(record),
    assigneeIds: assigneesOf(record),
    zoomMeetings: nestedList(record, "zoom_meetings").map((meeting, i) => within(`zoom_meetings[${i}]`, () => zoomMeetingOf(meeting))),
    designs: issueDesignsOf(record, key),
  };
  return Object.assign({}, row, { users: usersOf(row) });
}
