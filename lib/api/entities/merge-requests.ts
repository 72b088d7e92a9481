import type { MergeRequestDiffCommit, MergeRequestRow } from "@/lib/merge-requests";
import { labelBasicEntity } from "./content";
import { issueMilestoneEntity } from "./issues";
import { timeStatsEntity } from "./time-stats";
import { userBasic } from "./user";

export interface MergeRequestEntityOptions {
  /** `with_labels_details=true`: label objects instead of names. */
  withLabelsDetails?: boolean;
  /** The project the request named, for `references.relative`; a group's or a user's list has none. */
  requestedProjectId?: number;
}

const iso = (date: Date | null) => date?.toISOString() ?? null;

/** The fields both GitLab's MergeRequestBasic and its approvals answer open with. */
const mergeRequestHead = (mr: MergeRequestRow) => ({
  id: mr.id,
  iid: mr.iid,
  project_id: mr.projectId,
  title: mr.title,
  description: mr.description,
  state: mr.state,
  created_at: mr.createdAt.toISOString(),
  updated_at: mr.updatedAt.toISOString(),
});

/**
 * GitLab's MergeRequestBasic entity (the lists: `GET /projects/:id/merge_requests`, a group's, a user's). Ferry merges
 * nothing, so the merge-time fields keep what the source said and `detailed_merge_status` follows `merge_status`.
 */
export function mergeRequestBasicEntity(mr: MergeRequestRow, baseUrl: string, options: MergeRequestEntityOptions = {}) {
  const imported = mr.importEntityId !== null;
  const short = `!${mr.iid}`;
  const full = `${mr.project.fullPath}${short}`;
  const assignees = mr.assignees.map((user) => userBasic(user, baseUrl));
  const labelList = [...mr.labels].sort((a, b) => (a.title < b.title ? -1 : a.title > b.title ? 1 : 0));
  const mergedBy = mr.mergedBy ? userBasic(mr.mergedBy, baseUrl) : null;
  const sourceProjectId = typeof mr.sourceAttributes.source_project_id === "number" && !mr.sameProject ? mr.sourceAttributes.source_project_id : mr.projectId;
  return {
    ...mergeRequestHead(mr),
    merged_by: mergedBy,
    merge_user: mergedBy,
    merged_at: iso(mr.mergedAt),
    closed_by: mr.closedBy ? userBasic(mr.closedBy, baseUrl) : null,
    closed_at: iso(mr.closedAt),
    target_branch: mr.targetBranch,
    source_branch: mr.sourceBranch,
    user_notes_count: mr.userNotesCount,
    upvotes: mr.upvotes,
    downvotes: mr.downvotes,
    author: mr.author ? userBasic(mr.author, baseUrl) : null,
    assignees,
    assignee: assignees[0] ?? null,
    reviewers: mr.reviewers.map((user) => userBasic(user, baseUrl)),
    source_project_id: sourceProjectId,
    target_project_id: mr.projectId,
    labels: options.withLabelsDetails ? labelList.map(labelBasicEntity) : labelList.map((label) => label.title),
    draft: mr.draft,
    work_in_progress: mr.draft,
    milestone: mr.milestone ? issueMilestoneEntity(mr.milestone, baseUrl) : null,
    merge_when_pipeline_succeeds: mr.mergeWhenPipelineSucceeds,
    merge_status: mr.mergeStatus,
    detailed_merge_status: mr.state === "opened" ? (mr.mergeStatus === "can_be_merged" ? "mergeable" : mr.mergeStatus === "cannot_be_merged" ? "conflict" : "checking") : "not_open",
    sha: mr.diffHeadSha,
    merge_commit_sha: mr.mergeCommitSha,
    squash_commit_sha: mr.squashCommitSha,
    discussion_locked: mr.discussionLocked,
    should_remove_source_branch: null,
    force_remove_source_branch: mr.mergeParams?.force_remove_source_branch === true || mr.mergeParams?.force_remove_source_branch === "1",
    prepared_at: mr.createdAt.toISOString(),
    reference: short,
    references: { short, relative: options.requestedProjectId === mr.projectId ? short : full, full },
    web_url: `${baseUrl}/${mr.project.fullPath}/-/merge_requests/${mr.iid}`,
    time_stats: timeStatsEntity(mr.timeEstimate, mr.totalTimeSpent),
    squash: mr.squash,
    squash_on_merge: mr.squash,
    task_completion_status: { count: 0, completed_count: 0 },
    has_conflicts: mr.mergeStatus === "cannot_be_merged",
    blocking_discussions_resolved: true,
    approvals_before_merge: mr.approvalsBeforeMerge,
    imported,
    imported_from: imported ? "gitlab_migration" : "none",
  };
}

/** GitLab's MergeRequest entity (`GET .../merge_requests/:iid`): the basic one and what only the single one shows. */
export function mergeRequestEntity(mr: MergeRequestRow, baseUrl: string, options: MergeRequestEntityOptions = {}) {
  const metrics = mr.sourceAttributes;
  return {
    ...mergeRequestBasicEntity(mr, baseUrl, options),
    subscribed: false,
    changes_count: mr.changesCount,
    latest_build_started_at: typeof metrics.latest_build_started_at === "string" ? metrics.latest_build_started_at : null,
    latest_build_finished_at: typeof metrics.latest_build_finished_at === "string" ? metrics.latest_build_finished_at : null,
    first_deployed_to_production_at: null,
    pipeline: null,
    head_pipeline: null,
    diff_refs: mr.diffRefs ? { base_sha: mr.diffRefs.baseSha, head_sha: mr.diffRefs.headSha, start_sha: mr.diffRefs.startSha } : null,
    merge_error: mr.mergeError,
    rebase_in_progress: false,
    first_contribution: false,
    user: { can_merge: false },
  };
}

/** Entities::Commit of a merge request's stored diff commit (GitLab's `/merge_requests/:iid/commits`). */
export function mergeRequestCommitEntity(commit: MergeRequestDiffCommit, projectUrl: string) {
  const message = commit.message ?? "";
  return {
    id: commit.sha,
    short_id: commit.sha.slice(0, 8),
    created_at: iso(commit.committedDate),
    parent_ids: [],
    title: message.split("\n", 1)[0] ?? "",
    message,
    author_name: commit.authorName,
    author_email: commit.authorEmail,
    authored_date: iso(commit.authoredDate),
    committer_name: commit.committerName,
    committer_email: commit.committerEmail,
    committed_date: iso(commit.committedDate),
    trailers: {},
    extended_trailers: {},
    web_url: `${projectUrl}/-/commit/${commit.sha}`,
  };
}

/** EE's approvals answer (`GET .../merge_requests/:iid/approvals`): who approved; Ferry keeps no approval rules. */
export function approvalsEntity(mr: MergeRequestRow, baseUrl: string, viewerId: number | null) {
  const required = mr.approvalsBeforeMerge ?? 0;
  return {
    ...mergeRequestHead(mr),
    merge_status: mr.mergeStatus,
    approved: mr.approvedBy.length >= required && (required > 0 || mr.approvedBy.length > 0),
    approvals_required: required,
    approvals_left: Math.max(0, required - mr.approvedBy.length),
    require_password_to_approve: false,
    approved_by: mr.approvedBy.map((user) => ({ user: userBasic(user, baseUrl) })),
    suggested_approvers: [],
    approvers: [],
    approver_groups: [],
    user_has_approved: viewerId !== null && mr.approvedBy.some((user) => user.id === viewerId),
    user_can_approve: false,
    approval_rules_left: [],
    has_approval_rules: false,
    merge_request_approvers_available: false,
    multiple_approval_rules_available: false,
    invalid_approvers_rules: [],
  };
}
