import type { events, labels, milestones, resourceLabelEvents, resourceMilestoneEvents, resourceStateEvents, timelogs } from "@/lib/db";
import { labelRecord } from "../common/labels";
import { milestoneRecord } from "../common/milestones";
import { mergedRecord } from "./merged-record";
import { iso } from "./record-ids";
import type { ExportRecord } from "./types";

type Event = typeof events.$inferSelect;
type StateEvent = typeof resourceStateEvents.$inferSelect;

/** An activity event nested in an issuable (an epic's, an issue's `events`), as GitLab writes it. */
export function eventRecord(event: Event): ExportRecord {
  const columns = {
    id: event.id,
    target_type: event.targetType,
    target_id: event.targetId,
    group_id: event.groupId,
    created_at: iso(event.createdAt),
    updated_at: iso(event.updatedAt),
    // GitLab's `action` method: the name, not the enum's number.
    action: event.action,
    author_id: event.authorId,
  };
  // A project's event names Ferry's project; a group's keeps what the source said.
  return mergedRecord(columns, { project_id: null, fingerprint: null }, event.sourceAttributes, columns, event.projectId !== null && { project_id: event.projectId });
}

/** A state event nested in an issuable (`resource_state_events`), with its ids where the source gave them. */
export function stateEventRecord(event: StateEvent): ExportRecord {
  const columns = {
    user_id: event.userId,
    created_at: iso(event.createdAt),
    state: event.state,
    close_after_error_tracking_resolve: event.closeAfterError,
  };
  const given = event.sourceAttributes;
  return mergedRecord(
    columns,
    { source_commit: null, close_auto_resolve_prometheus_alert: false },
    given,
    columns,
    "id" in given && { id: event.id },
    "epic_id" in given && { epic_id: event.epicId },
    "issue_id" in given && { issue_id: event.issueId },
    "merge_request_id" in given && { merge_request_id: event.mergeRequestId },
  );
}

/** A timelog nested in an issue or a merge request; `target` names it (`issue_id`/`merge_request_id`, `project_id`). */
export function timelogRecord(log: typeof timelogs.$inferSelect, target: Record<string, number>): ExportRecord {
  const columns = { id: log.id, time_spent: log.timeSpent, user_id: log.userId, created_at: iso(log.createdAt), updated_at: iso(log.updatedAt), spent_at: iso(log.spentAt), summary: log.summary };
  return mergedRecord(columns, log.sourceAttributes, columns, target);
}

/** A label event (`resource_label_events: [:label]`) of an issue or a merge request. */
export function labelEventRecord({ event, label }: { event: typeof resourceLabelEvents.$inferSelect; label: typeof labels.$inferSelect | null }): ExportRecord {
  const columns = { id: event.id, action: event.action, issue_id: event.issueId, merge_request_id: event.mergeRequestId, label_id: event.labelId, user_id: event.userId, created_at: iso(event.createdAt) };
  return mergedRecord(columns, event.sourceAttributes, columns, label && { label: labelRecord(label) });
}

/** A milestone event (`resource_milestone_events: [:milestone]`) of an issue or a merge request. */
export function milestoneEventRecord({ event, milestone }: { event: typeof resourceMilestoneEvents.$inferSelect; milestone: typeof milestones.$inferSelect | null }): ExportRecord {
  const columns = { user_id: event.userId, action: event.action, state: event.state, created_at: iso(event.createdAt) };
  return mergedRecord(columns, event.sourceAttributes, columns, milestone && { milestone: milestoneRecord(milestone) });
}
