import type { epicIssues, epics, issues, iterations, labels, milestones, zoomMeetings } from "@/lib/db";
import { labelRecord } from "../common/labels";
import { milestoneRecord } from "../common/milestones";
import { epicAttributes } from "../groups/epics-records";
import { eventRecord, labelEventRecord, milestoneEventRecord, stateEventRecord, timelogRecord } from "../support/issuable-records";
import type { IssuableActivityTree } from "../support/issuable-activity";
import { mergedRecord } from "../support/merged-record";
import { awardRecord, noteRecord } from "../support/note-records";
import { keptSourceFields } from "../support/record-fields";
import { iso } from "../support/record-ids";
import type { ExportRecord } from "../support/types";
import { issueDesignRecords, type IssueDesignsTree } from "./issue-designs";

type Issue = typeof issues.$inferSelect;
type Label = typeof labels.$inferSelect;
type Milestone = typeof milestones.$inferSelect;

/** An issue with what hangs from it, as the relation's queries gather it. */
export interface IssueTree extends IssuableActivityTree {
  issue: Issue;
  milestone: Milestone | undefined;
  iteration: typeof iterations.$inferSelect | undefined;
  epic: { link: typeof epicIssues.$inferSelect; epic: typeof epics.$inferSelect } | undefined;
  assigneeIds: number[];
  labels: Label[];
  zoomMeetings: (typeof zoomMeetings.$inferSelect)[];
  designs: IssueDesignsTree;
}

/**
 * Fields that point at records of the instance the issue came from which Ferry does not map (other issues, epics it
 * was promoted to): given out as they came they would name unrelated records here, so they go out empty. The stored
 * record keeps them.
 */
const FOREIGN_ISSUE_FIELDS = ["moved_to_id", "duplicated_to_id", "promoted_to_epic_id"];
// GitLab's import_export.yml excludes these from issues.
const EXCLUDED_ISSUE_FIELDS = new Set(["state_id", "service_desk_reply_to", "external_key", "namespace_id", "imported_from", "work_item_type_id"]);

function issueAttributes(issue: Issue): ExportRecord {
  return {
    id: issue.id,
    title: issue.title,
    author_id: issue.authorId,
    project_id: issue.projectId,
    created_at: iso(issue.createdAt),
    updated_at: iso(issue.updatedAt),
    description: issue.description,
    // GitLab's `state` method (its state_id column is excluded from exports).
    state: issue.state,
    iid: issue.iid,
    updated_by_id: issue.updatedById,
    confidential: issue.confidential,
    due_date: issue.dueDate,
    weight: issue.weight,
    time_estimate: issue.timeEstimate,
    relative_position: issue.relativePosition,
    discussion_locked: issue.discussionLocked,
    closed_at: iso(issue.closedAt),
    closed_by_id: issue.closedById,
    last_edited_at: iso(issue.lastEditedAt),
    last_edited_by_id: issue.lastEditedById,
    health_status: issue.healthStatus,
    work_item_type: { base_type: issue.workItemType },
  };
}

function zoomMeetingRecord(meeting: IssueTree["zoomMeetings"][number], issue: Issue): ExportRecord {
  const columns = { id: meeting.id, project_id: issue.projectId, issue_id: issue.id, url: meeting.url, issue_status: meeting.issueStatus, created_at: iso(meeting.createdAt), updated_at: iso(meeting.updatedAt) };
  return mergedRecord(columns, meeting.sourceAttributes, columns);
}

function iterationRecord(iteration: NonNullable<IssueTree["iteration"]>): ExportRecord {
  const columns = { id: iteration.id, iid: iteration.iid, title: iteration.title, start_date: iteration.startDate, due_date: iteration.dueDate, group_id: iteration.groupId };
  return mergedRecord(iteration.sourceAttributes, columns);
}

/**
 * An issue as GitLab's project export writes it (`issues: [:events, :timelogs, notes: [:author, :award_emoji,
 * :system_note_metadata], label_links: [:label], :milestone, resource_label_events: [:label],
 * resource_milestone_events: [:milestone], :resource_state_events, designs: [notes: [:author]], design_versions:
 * [actions: [:design]], :issue_assignees, :zoom_meetings, :award_emoji, :work_item_type, EE: :epic_issue,
 * :iteration...]`), with Ferry's ids and the ids of the users Ferry mapped them to, so that an importer, Ferry's own
 * included, rebuilds the same issue. What the source sent that Ferry keeps no column for (sentry_issue, issuable_sla,
 * resource_iteration_events...) goes out as it came.
 */
export function issueRecord(tree: IssueTree): ExportRecord {
  const { issue } = tree;
  const columns = issueAttributes(issue);
  const kept = keptSourceFields(issue.sourceAttributes, EXCLUDED_ISSUE_FIELDS, FOREIGN_ISSUE_FIELDS);
  return mergedRecord(
    columns,
    kept,
    columns,
    tree.milestone && { milestone_id: tree.milestone.id, milestone: milestoneRecord(tree.milestone) },
    tree.iteration && { sprint_id: tree.iteration.id, iteration: iterationRecord(tree.iteration) },
    tree.epic && { epic_issue: mergedRecord(tree.epic.link.sourceAttributes, { relative_position: tree.epic.link.relativePosition, epic: epicAttributes(tree.epic.epic) }) },
    {
      events: tree.events.map(eventRecord),
      timelogs: tree.timelogs.map((log) => timelogRecord(log, { issue_id: issue.id, project_id: issue.projectId })),
      notes: tree.notes.map(noteRecord),
      label_links: tree.labels.map((label) => ({ target_id: issue.id, label_id: label.id, target_type: "Issue", label: labelRecord(label) })),
      resource_label_events: tree.labelEvents.map(labelEventRecord),
      resource_milestone_events: tree.milestoneEvents.map(milestoneEventRecord),
      resource_state_events: tree.stateEvents.map(stateEventRecord),
      issue_assignees: tree.assigneeIds.map((userId) => ({ user_id: userId, issue_id: issue.id })),
      zoom_meetings: tree.zoomMeetings.map((meeting) => zoomMeetingRecord(meeting, issue)),
      award_emoji: tree.awards.map(awardRecord),
    },
    issueDesignRecords(tree.designs, kept),
  );
}
