import type { labels, mergeRequestDiffCommits, mergeRequestDiffFiles, mergeRequestDiffs, mergeRequestMetrics, mergeRequests, milestones } from "@/lib/db";
import { labelRecord } from "../common/labels";
import { milestoneRecord } from "../common/milestones";
import type { IssuableActivityTree } from "../support/issuable-activity";
import { eventRecord, labelEventRecord, milestoneEventRecord, stateEventRecord, timelogRecord } from "../support/issuable-records";
import { mergedRecord } from "../support/merged-record";
import { awardRecord, noteRecord } from "../support/note-records";
import { diffFileFields, keptSourceFields } from "../support/record-fields";
import { iso } from "../support/record-ids";
import type { ExportRecord } from "../support/types";

type MergeRequest = typeof mergeRequests.$inferSelect;
type Diff = typeof mergeRequestDiffs.$inferSelect;
type DiffCommit = typeof mergeRequestDiffCommits.$inferSelect;
type DiffFile = typeof mergeRequestDiffFiles.$inferSelect;

/** A merge request's user (assignee, reviewer, approver) as its link table holds it. */
interface LinkedUser {
  userId: number;
  createdAt: Date;
  state?: string;
}

/** A merge request with what hangs from it, as the relation's queries gather it. */
export interface MergeRequestTree extends IssuableActivityTree {
  mergeRequest: MergeRequest;
  milestone: typeof milestones.$inferSelect | undefined;
  labels: (typeof labels.$inferSelect)[];
  assignees: LinkedUser[];
  reviewers: LinkedUser[];
  approvals: LinkedUser[];
  metrics: typeof mergeRequestMetrics.$inferSelect | undefined;
  diff: { diff: Diff; commits: DiffCommit[]; files: DiffFile[] } | undefined;
}

// GitLab's import_export.yml excludes these from merge requests.
const EXCLUDED_FIELDS = new Set(["state_id", "head_pipeline_id", "latest_merge_request_diff_id", "imported_from"]);
/** Source ids Ferry does not map (the source's fork project, another instance's pipeline): out empty, kept stored. */
const FOREIGN_FIELDS = ["merge_request_diff_id", "head_pipeline_id"];

function mergeRequestAttributes(mr: MergeRequest): ExportRecord {
  const kept = mr.sourceAttributes;
  return {
    id: mr.id,
    target_branch: mr.targetBranch,
    source_branch: mr.sourceBranch,
    // A fork's merge request names its source project by the source instance's id (the fork stayed there).
    source_project_id: mr.sameProject ? mr.projectId : (kept.source_project_id ?? null),
    author_id: mr.authorId,
    title: mr.title,
    created_at: iso(mr.createdAt),
    updated_at: iso(mr.updatedAt),
    // GitLab's `state` method (its state_id column is excluded from exports).
    state: mr.state,
    merge_status: mr.mergeStatus,
    target_project_id: mr.projectId,
    iid: mr.iid,
    description: mr.description,
    updated_by_id: mr.updatedById,
    merge_error: mr.mergeError,
    diff_head_sha: mr.diffHeadSha,
    source_branch_sha: mr.sourceBranchSha,
    target_branch_sha: mr.targetBranchSha,
    merge_params: mr.mergeParams,
    merge_when_pipeline_succeeds: mr.mergeWhenPipelineSucceeds,
    merge_user_id: mr.mergeUserId,
    merge_commit_sha: mr.mergeCommitSha,
    squash_commit_sha: mr.squashCommitSha,
    approvals_before_merge: mr.approvalsBeforeMerge,
    discussion_locked: mr.discussionLocked,
    time_estimate: mr.timeEstimate,
    squash: mr.squash,
    draft: mr.draft,
    last_edited_at: iso(mr.lastEditedAt),
    last_edited_by_id: mr.lastEditedById,
  };
}

function diffCommitRecord(commit: DiffCommit): ExportRecord {
  return {
    merge_request_diff_id: commit.mergeRequestDiffId,
    relative_order: commit.relativeOrder,
    sha: commit.sha,
    message: commit.message,
    authored_date: iso(commit.authoredDate),
    author_name: commit.authorName,
    author_email: commit.authorEmail,
    committed_date: iso(commit.committedDate),
    committer_name: commit.committerName,
    committer_email: commit.committerEmail,
    commit_author: { name: commit.authorName, email: commit.authorEmail },
    committer: { name: commit.committerName, email: commit.committerEmail },
  };
}

function diffFileRecord(file: DiffFile): ExportRecord {
  return Object.assign(
    {
      merge_request_diff_id: file.mergeRequestDiffId,
      relative_order: file.relativeOrder,
      // GitLab's `utf8_diff` method: the text of the diff.
      utf8_diff: file.diff,
    },
    diffFileFields(file),
    { too_large: file.tooLarge, binary: file.binary, generated: file.generated },
  );
}

function diffRecord({ diff, commits, files }: NonNullable<MergeRequestTree["diff"]>): ExportRecord {
  const columns = {
    id: diff.id,
    state: diff.state,
    merge_request_id: diff.mergeRequestId,
    created_at: iso(diff.createdAt),
    updated_at: iso(diff.updatedAt),
    base_commit_sha: diff.baseCommitSha,
    head_commit_sha: diff.headCommitSha,
    start_commit_sha: diff.startCommitSha,
    real_size: diff.realSize,
    commits_count: diff.commitsCount,
    files_count: diff.filesCount,
  };
  return mergedRecord(columns, diff.sourceAttributes, columns, { merge_request_diff_commits: commits.map(diffCommitRecord), merge_request_diff_files: files.map(diffFileRecord) });
}

function metricsRecord(metrics: NonNullable<MergeRequestTree["metrics"]>): ExportRecord {
  const columns = {
    merge_request_id: metrics.mergeRequestId,
    merged_by_id: metrics.mergedById,
    latest_closed_by_id: metrics.latestClosedById,
    merged_at: iso(metrics.mergedAt),
    latest_closed_at: iso(metrics.latestClosedAt),
    first_deployed_to_production_at: iso(metrics.firstDeployedToProductionAt),
  };
  return mergedRecord(columns, metrics.sourceAttributes, columns);
}

/**
 * A merge request as GitLab's project export writes it (`merge_requests: [:approvals, :metrics, :award_emoji,
 * :merge_request_assignees, :merge_request_reviewers, notes: [:author, :award_emoji, :system_note_metadata,
 * :suggestions, :note_diff_file], merge_request_diff: [merge_request_diff_commits: [:commit_author, :committer],
 * :merge_request_diff_files], :events, :timelogs, label_links: [:label], :milestone, resource_label_events: [:label],
 * resource_milestone_events: [:milestone], :resource_state_events]`), with Ferry's ids and the ids of the users Ferry
 * mapped them to, so that an importer, Ferry's own included, rebuilds the same merge request. What the source sent that
 * Ferry keeps no column for goes out as it came.
 */
export function mergeRequestRecord(tree: MergeRequestTree): ExportRecord {
  const { mergeRequest: mr } = tree;
  const columns = mergeRequestAttributes(mr);
  const kept = keptSourceFields(mr.sourceAttributes, EXCLUDED_FIELDS, FOREIGN_FIELDS);
  const linked = (list: LinkedUser[], extra: (user: LinkedUser) => ExportRecord = () => ({})) =>
    list.map((user) => ({ user_id: user.userId, merge_request_id: mr.id, created_at: iso(user.createdAt), ...extra(user) }));
  return mergedRecord(
    columns,
    kept,
    columns,
    tree.milestone && { milestone_id: tree.milestone.id, milestone: milestoneRecord(tree.milestone) },
    {
      // GitLab's single `assignee_id` before merge_request_assignees: the first assignee.
      assignee_id: tree.assignees[0]?.userId ?? null,
      approvals: linked(tree.approvals, (user) => ({ updated_at: iso(user.createdAt) })),
    },
    tree.metrics && { metrics: metricsRecord(tree.metrics) },
    {
      award_emoji: tree.awards.map(awardRecord),
      merge_request_assignees: linked(tree.assignees),
      merge_request_reviewers: linked(tree.reviewers, (user) => ({ state: user.state })),
      notes: tree.notes.map(noteRecord),
    },
    tree.diff && { merge_request_diff: diffRecord(tree.diff) },
    {
      events: tree.events.map(eventRecord),
      timelogs: tree.timelogs.map((log) => timelogRecord(log, { merge_request_id: mr.id, project_id: mr.projectId })),
      label_links: tree.labels.map((label) => ({ target_id: mr.id, label_id: label.id, target_type: "MergeRequest", label: labelRecord(label) })),
      resource_label_events: tree.labelEvents.map(labelEventRecord),
      resource_milestone_events: tree.milestoneEvents.map(milestoneEventRecord),
      resource_state_events: tree.stateEvents.map(stateEventRecord),
    },
  );
}
