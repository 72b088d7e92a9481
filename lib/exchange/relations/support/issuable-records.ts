import type { events, resourceStateEvents } from "@/lib/db";
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
  return { ...columns, project_id: null, fingerprint: null, ...event.sourceAttributes, ...columns, ...(event.projectId !== null ? { project_id: event.projectId } : {}) };
}

/** A state event nested in an issuable (`resource_state_events`), with its ids where the source gave them. */
export function stateEventRecord(event: StateEvent): ExportRecord {
  const columns = {
    user_id: event.userId,
    created_at: iso(event.createdAt),
    state: event.state,
    close_after_error_tracking_resolve: event.closeAfterError,
  };
  const ids = {
    ...("id" in event.sourceAttributes ? { id: event.id } : {}),
    ...("epic_id" in event.sourceAttributes ? { epic_id: event.epicId } : {}),
    ...("issue_id" in event.sourceAttributes ? { issue_id: event.issueId } : {}),
  };
  return { ...columns, source_commit: null, close_auto_resolve_prometheus_alert: false, ...event.sourceAttributes, ...columns, ...ids };
}
