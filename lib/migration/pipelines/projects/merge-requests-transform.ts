import type { mergeRequests } from "@/lib/db";
import { RecordError } from "../../errors";
import type { SourceUserRef } from "../../source-users";
import { activityUsers, issuableActivityOf, type IssuableActivity } from "../support/issuable-activity";
import { nestedList, nestedRecord, optionalInteger, optionalUserId, within } from "../support/nested-fields";
import { ownerOf } from "../support/owner";
import { importColumns, optionalBoolean, optionalString, optionalTimestamp, rest, requiredString } from "../support/record-fields";
import type { EntityContext } from "../support/types";
import { diffOf, type DiffInput } from "./merge-request-diff-transform";

type MergeRequestValues = Omit<typeof mergeRequests.$inferInsert, "authorId" | "updatedById" | "lastEditedById" | "mergeUserId" | "milestoneId">;

export interface MetricsInput {
  mergedById: number | null;
  latestClosedById: number | null;
  mergedAt: Date | null;
  latestClosedAt: Date | null;
  firstDeployedToProductionAt: Date | null;
  sourceAttributes: Record<string, unknown>;
}

/** A user on the merge request (assignee, reviewer, approver) with when, and a reviewer's review state. */
export interface MergeRequestUserInput {
  userId: number;
  state: string | null;
  createdAt: Date | undefined;
}

/** One source merge request, ready to load: its columns, the source users it names, and its nested records. */
export interface MergeRequestRow extends IssuableActivity {
  values: MergeRequestValues & { importKey: string };
  authorId: number | null;
  updatedById: number | null;
  lastEditedById: number | null;
  mergeUserId: number | null;
  assignees: MergeRequestUserInput[];
  reviewers: MergeRequestUserInput[];
  approvals: MergeRequestUserInput[];
  metrics: MetricsInput | null;
  diff: DiffInput | null;
  users: SourceUserRef[];
}

/**
 * What became a column or a row of its own; the rest (id, a fork's source_project_id, position...) is kept as it came.
 * `milestone` is dropped from the kept record only once the load has found it (merge-requests-load.ts). The source's
 * own project ids say only whether the merge request came from a fork (`same_project`), unless it did.
 */
const MERGE_REQUEST_COLUMNS = [
  "iid", "title", "description", "state", "state_id", "source_branch", "target_branch", "author_id", "updated_by_id",
  "last_edited_by_id", "last_edited_at", "merge_user_id", "merge_status", "merge_error", "draft", "squash",
  "merge_when_pipeline_succeeds", "discussion_locked", "approvals_before_merge", "time_estimate", "diff_head_sha",
  "source_branch_sha", "target_branch_sha", "merge_commit_sha", "squash_commit_sha", "merge_params", "created_at",
  "updated_at", "assignee_id", "milestone_id", "approvals", "metrics", "award_emoji", "merge_request_assignees",
  "merge_request_reviewers", "notes", "merge_request_diff", "events", "timelogs", "label_links", "labels",
  "resource_label_events", "resource_milestone_events", "resource_state_events",
] as const;
const METRICS_COLUMNS = ["merged_by_id", "latest_closed_by_id", "merged_at", "latest_closed_at", "first_deployed_to_production_at", "merge_request_id", "id"] as const;

// MergeRequest state_id values, for exports that give the number.
const STATES = ["", "opened", "closed", "merged", "locked"] as const;
type State = (typeof STATES)[number];
// MergeRequestReviewer#state enum.
const REVIEW_STATES = ["unreviewed", "reviewed", "requested_changes", "approved", "unapproved", "review_started"];
// GitLab's MergeRequest#draft? title prefixes (Draft:, [Draft], (Draft), and the old WIP forms).
const DRAFT_TITLE = /^\s*(\[draft\]|\(draft\)|draft:|draft\s-|draft\s|\[wip\]|wip:|wip\s-)/i;

function stateOf(record: Record<string, unknown>): Exclude<State, ""> {
  const raw = record.state ?? record.state_id ?? "opened";
  const state = typeof raw === "number" || /^\d+$/.test(String(raw)) ? STATES[Number(raw)] : raw;
  if (state !== "opened" && state !== "closed" && state !== "merged" && state !== "locked") throw new RecordError(`state ${JSON.stringify(raw)} is not opened, closed, merged or locked`);
  return state;
}

function reviewStateOf(record: Record<string, unknown>): string | null {
  const raw = record.state;
  if (raw === undefined || raw === null) return null;
  const state = typeof raw === "number" ? REVIEW_STATES[raw] : raw;
  if (typeof state !== "string" || !REVIEW_STATES.includes(state)) throw new RecordError(`state ${JSON.stringify(raw)} is not a review state`);
  return state;
}

/** `merge_request_assignees`, `merge_request_reviewers`, `approvals`: `[{ user_id, created_at, state? }]`, each user once. */
function usersListOf(record: Record<string, unknown>, field: string): MergeRequestUserInput[] {
  const list = nestedList(record, field).map((item, i) =>
    within(`${field}[${i}]`, () => {
      const userId = optionalUserId(item, "user_id");
      if (userId === null) throw new RecordError("user_id can't be blank");
      return { userId, state: field === "merge_request_reviewers" ? reviewStateOf(item) : null, createdAt: optionalTimestamp(item, "created_at") };
    }),
  );
  return [...new Map(list.map((item) => [item.userId, item])).values()];
}

/** `metrics`: a has_one, so one record (an old exporter wrote a list of one). */
function metricsOf(record: Record<string, unknown>): MetricsInput | null {
  const value = record.metrics;
  const metrics = Array.isArray(value) ? nestedList(record, "metrics")[0] : nestedRecord(record, "metrics");
  if (!metrics) return null;
  return within("metrics", () => ({
    mergedById: optionalUserId(metrics, "merged_by_id"),
    latestClosedById: optionalUserId(metrics, "latest_closed_by_id"),
    mergedAt: optionalTimestamp(metrics, "merged_at") ?? null,
    latestClosedAt: optionalTimestamp(metrics, "latest_closed_at") ?? null,
    firstDeployedToProductionAt: optionalTimestamp(metrics, "first_deployed_to_production_at") ?? null,
    sourceAttributes: rest(metrics, METRICS_COLUMNS),
  }));
}

/** A source project id (source_project_id, target_project_id), compared to tell a fork's merge request. */
const projectIdOf = (record: Record<string, unknown>, field: string) => (typeof record[field] === "number" ? record[field] : null);

function usersOf(row: Omit<MergeRequestRow, "users">): SourceUserRef[] {
  const ids = [
    row.authorId, row.updatedById, row.lastEditedById, row.mergeUserId,
    ...[...row.assignees, ...row.reviewers, ...row.approvals].map((item) => item.userId),
    row.metrics?.mergedById ?? null, row.metrics?.latestClosedById ?? null,
  ];
  return [...ids.flatMap((id) => (id === null ? [] : [{ id }])), ...activityUsers(row)];
}

export function transformMergeRequest(record: Record<string, unknown>, entity: EntityContext, key: string): MergeRequestRow {
  const iid = record.iid;
  if (typeof iid !== "number" || !Number.isInteger(iid) || iid < 1 || iid > 2 ** 31 - 1) throw new RecordError("iid must be a positive integer");
  const title = requiredString(record, "title", 255);
  const sourceProject = projectIdOf(record, "source_project_id");
  const targetProject = projectIdOf(record, "target_project_id");
  // Before the merge request_assignees table, GitLab had one assignee: `assignee_id`.
  const assignees = usersListOf(record, "merge_request_assignees");
  const legacyAssignee = optionalUserId(record, "assignee_id");
  if (assignees.length === 0 && legacyAssignee !== null) assignees.push({ userId: legacyAssignee, state: null, createdAt: undefined });
  const row = {
    values: {
      projectId: ownerOf(entity).projectId!,
      iid,
      title,
      description: optionalString(record, "description"),
      state: stateOf(record),
      sourceBranch: requiredString(record, "source_branch", 1024),
      targetBranch: requiredString(record, "target_branch", 1024),
      sameProject: sourceProject === null || targetProject === null || sourceProject === targetProject,
      mergeStatus: optionalString(record, "merge_status") ?? "unchecked",
      mergeError: optionalString(record, "merge_error"),
      draft: optionalBoolean(record, "draft") ?? DRAFT_TITLE.test(title),
      squash: optionalBoolean(record, "squash") ?? false,
      mergeWhenPipelineSucceeds: optionalBoolean(record, "merge_when_pipeline_succeeds") ?? false,
      discussionLocked: optionalBoolean(record, "discussion_locked"),
      approvalsBeforeMerge: optionalInteger(record, "approvals_before_merge"),
      timeEstimate: optionalInteger(record, "time_estimate") ?? 0,
      diffHeadSha: optionalString(record, "diff_head_sha"),
      sourceBranchSha: optionalString(record, "source_branch_sha"),
      targetBranchSha: optionalString(record, "target_branch_sha"),
      mergeCommitSha: optionalString(record, "merge_commit_sha"),
      squashCommitSha: optionalString(record, "squash_commit_sha"),
      mergeParams: nestedRecord(record, "merge_params"),
      lastEditedAt: optionalTimestamp(record, "last_edited_at") ?? null,
      ...importColumns(record, entity.entityId, key, [...MERGE_REQUEST_COLUMNS, "target_project_id", ...(sourceProject === targetProject ? ["source_project_id"] : [])]),
      importKey: key,
    },
    authorId: optionalUserId(record, "author_id"),
    updatedById: optionalUserId(record, "updated_by_id"),
    lastEditedById: optionalUserId(record, "last_edited_by_id"),
    mergeUserId: optionalUserId(record, "merge_user_id"),
    ...issuableActivityOf(record, key),
    assignees,
    reviewers: usersListOf(record, "merge_request_reviewers"),
    approvals: usersListOf(record, "approvals"),
    metrics: metricsOf(record),
    diff: within("merge_request_diff", () => {
      const diff = nestedRecord(record, "merge_request_diff");
      return diff ? diffOf(diff) : null;
    }),
  };
  return Object.assign({}, row, { users: usersOf(row) });
}
