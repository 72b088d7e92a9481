import type { AwardRow, IssueRow, LabelEventRow, MilestoneEventRow, MilestoneWithPath, StateEventRow } from "@/lib/issues";
import { labelBasicEntity, milestoneEntity } from "./content";
import { timeStatsEntity } from "./time-stats";
import { userBasic } from "./user";

/** GitLab's Milestone entity, a project's or a group's (web_url under its owner). */
export function issueMilestoneEntity(milestone: MilestoneWithPath, baseUrl: string) {
  const owner = milestone.projectId !== null ? { kind: "project" as const, id: milestone.projectId } : { kind: "group" as const, id: milestone.groupId! };
  return milestoneEntity(milestone, { ...owner, fullPath: milestone.ownerPath }, baseUrl);
}

export interface IssueEntityOptions {
  /** `with_labels_details=true`: label objects instead of names. */
  withLabelsDetails?: boolean;
  /** The single-issue endpoint adds `subscribed`. */
  includeSubscribed?: boolean;
  /** The project the request named (`/projects/:id/issues`), for `references.relative`; a group's list has none. */
  requestedProjectId?: number;
}

/**
 * GitLab's Issue entity (IssuableEntity, IssueBasic, Issue and EE's additions): `GET /projects/:id/issues[/:iid]` and
 * `GET /groups/:id/issues`.
 */
export function issueEntity(issue: IssueRow, baseUrl: string, options: IssueEntityOptions = {}) {
  const api = `${baseUrl}/api/v4/projects/${issue.projectId}`;
  const imported = issue.importEntityId !== null;
  const short = `#${issue.iid}`;
  const full = `${issue.project.fullPath}${short}`;
  const assignees = issue.assignees.map((user) => userBasic(user, baseUrl));
  const sortedLabels = [...issue.labels].sort((a, b) => (a.title < b.title ? -1 : a.title > b.title ? 1 : 0));
  return {
    id: issue.id,
    iid: issue.iid,
    project_id: issue.projectId,
    title: issue.title,
    description: issue.description,
    state: issue.state,
    created_at: issue.createdAt.toISOString(),
    updated_at: issue.updatedAt.toISOString(),
    closed_at: issue.closedAt?.toISOString() ?? null,
    closed_by: issue.closedBy ? userBasic(issue.closedBy, baseUrl) : null,
    labels: options.withLabelsDetails ? sortedLabels.map(labelBasicEntity) : sortedLabels.map((label) => label.title),
    milestone: issue.milestone ? issueMilestoneEntity(issue.milestone, baseUrl) : null,
    assignees,
    author: issue.author ? userBasic(issue.author, baseUrl) : null,
    type: issue.workItemType.toUpperCase(),
    assignee: assignees[0] ?? null,
    user_notes_count: issue.userNotesCount,
    merge_requests_count: 0,
    upvotes: issue.upvotes,
    downvotes: issue.downvotes,
    due_date: issue.dueDate,
    confidential: issue.confidential,
    discussion_locked: issue.discussionLocked,
    issue_type: issue.workItemType,
    web_url: `${baseUrl}/${issue.project.fullPath}/-/${issue.workItemType === "incident" ? "issues/incident" : "issues"}/${issue.iid}`,
    time_stats: timeStatsEntity(issue.timeEstimate, issue.totalTimeSpent),
    task_completion_status: { count: 0, completed_count: 0 },
    weight: issue.weight,
    blocking_issues_count: 0,
    has_tasks: false,
    _links: {
      self: `${api}/issues/${issue.iid}`,
      notes: `${api}/issues/${issue.iid}/notes`,
      award_emoji: `${api}/issues/${issue.iid}/award_emoji`,
      project: api,
      closed_as_duplicate_of: null,
    },
    references: { short, relative: options.requestedProjectId === issue.projectId ? short : full, full },
    severity: "UNKNOWN",
    ...(options.includeSubscribed ? { subscribed: false } : {}),
    moved_to_id: null,
    imported,
    imported_from: imported ? "gitlab_migration" : "none",
    service_desk_reply_to: null,
    epic_iid: issue.epic?.iid ?? null,
    epic: issue.epic
      ? { id: issue.epic.id, iid: issue.epic.iid, title: issue.epic.title, url: `/groups/${issue.epic.groupFullPath}/-/epics/${issue.epic.iid}`, group_id: issue.epic.groupId, human_readable_end_date: null, human_readable_timestamp: null }
      : null,
    iteration: null,
    health_status: issue.healthStatus,
  };
}

/** GitLab's AwardEmoji entity. */
export function awardEmojiEntity(award: AwardRow, baseUrl: string) {
  return {
    id: award.id,
    name: award.name,
    user: userBasic(award.user, baseUrl),
    created_at: award.createdAt.toISOString(),
    updated_at: award.updatedAt.toISOString(),
    awardable_id: award.awardableId,
    awardable_type: award.awardableType,
  };
}

const eventBase = (event: { id: number; issueId: number; createdAt: Date; user: StateEventRow["user"] }, baseUrl: string) => ({
  id: event.id,
  user: event.user ? userBasic(event.user, baseUrl) : null,
  created_at: event.createdAt.toISOString(),
  resource_type: "Issue",
  resource_id: event.issueId,
});

/** GitLab's ResourceStateEvent entity. */
export const stateEventEntity = (event: StateEventRow, baseUrl: string) => ({ ...eventBase(event, baseUrl), state: event.state });

/** GitLab's ResourceLabelEvent entity: the label as LabelBasic, null once deleted. */
export const labelEventEntity = (event: LabelEventRow, baseUrl: string) => ({ ...eventBase(event, baseUrl), label: event.label ? labelBasicEntity(event.label) : null, action: event.action });

/** GitLab's ResourceMilestoneEvent entity. */
export const milestoneEventEntity = (event: MilestoneEventRow, baseUrl: string) => ({
  ...eventBase(event, baseUrl),
  milestone: event.milestone ? issueMilestoneEntity(event.milestone, baseUrl) : null,
  action: event.action,
  state: event.state,
});
