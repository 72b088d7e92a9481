import type { awardEmoji, epics, events, labels, resourceStateEvents } from "@/lib/db";
import { eventRecord, stateEventRecord } from "../support/issuable-records";
import { labelRecord } from "../common/labels";
import { awardRecord, noteRecord, type NoteTree } from "../support/note-records";
import { mergedRecord } from "../support/merged-record";
import { without } from "../support/record-fields";
import { iso } from "../support/record-ids";
import type { ExportRecord } from "../support/types";

type Epic = typeof epics.$inferSelect;
type Award = typeof awardEmoji.$inferSelect;
type Event = typeof events.$inferSelect;
type StateEvent = typeof resourceStateEvents.$inferSelect;
type Label = typeof labels.$inferSelect;

/** An epic with what hangs from it, as the relation's query gathers it. */
export interface EpicTree {
  epic: Epic;
  parent: Epic | undefined;
  labels: Label[];
  awards: Award[];
  notes: NoteTree[];
  events: Event[];
  stateEvents: StateEvent[];
}

/**
 * Fields that point at records of the instance the epic came from which Ferry does not map (users other than the
 * author, closer and last editor; milestones; other epics): given out as they came they would name unrelated records
 * here, so they go out empty. The stored record keeps them.
 */
const FOREIGN_EPIC_FIELDS = {
  updated_by_id: null,
  milestone_id: null,
  start_date_sourcing_milestone_id: null,
  due_date_sourcing_milestone_id: null,
  start_date_sourcing_epic_id: null,
  due_date_sourcing_epic_id: null,
};
// GitLab's import_export.yml excludes these from epics.
const EXCLUDED_EPIC_FIELDS = new Set(["state_id", "assignee_id", "external_key"]);

/** The epic's own attributes (also the `parent` copy): GitLab's key order, then the source's extra fields, then Ferry's. */
export function epicAttributes(epic: Epic): ExportRecord {
  const columns = {
    id: epic.id,
    group_id: epic.groupId,
    author_id: epic.authorId,
    iid: epic.iid,
    last_edited_by_id: epic.lastEditedById,
    start_date: epic.startDate,
    end_date: epic.dueDate,
    last_edited_at: iso(epic.lastEditedAt),
    created_at: iso(epic.createdAt),
    updated_at: iso(epic.updatedAt),
    title: epic.title,
    description: epic.description,
    start_date_fixed: epic.startDateFixed,
    due_date_fixed: epic.dueDateFixed,
    start_date_is_fixed: epic.startDateIsFixed,
    due_date_is_fixed: epic.dueDateIsFixed,
    closed_by_id: epic.closedById,
    closed_at: iso(epic.closedAt),
    parent_id: epic.parentId,
    relative_position: epic.relativePosition,
    confidential: epic.confidential,
    color: epic.color,
    // GitLab's `state` method (its state_id column is excluded from exports).
    state: epic.state,
  };
  return mergedRecord({ id: epic.id, lock_version: 0 }, FOREIGN_EPIC_FIELDS, columns, without(epic.sourceAttributes, EXCLUDED_EPIC_FIELDS), FOREIGN_EPIC_FIELDS, columns);
}

/**
 * An epic as GitLab EE's group export writes it (`epics: [:parent, :award_emoji, events, label_links: [:label],
 * notes: [:author, :award_emoji, :system_note_metadata], :resource_state_events]`), with Ferry's ids for the epic and
 * everything in it and the ids of the users Ferry mapped the authors to, so that an importer, Ferry's own included,
 * rebuilds the same epic.
 */
export function epicRecord(tree: EpicTree): ExportRecord {
  const { epic } = tree;
  // epicAttributes' record is this call's own: the nested relations go onto it rather than into a copy.
  return Object.assign(epicAttributes(epic), tree.parent ? { parent: epicAttributes(tree.parent) } : null, {
    award_emoji: tree.awards.map(awardRecord),
    events: tree.events.map(eventRecord),
    label_links: tree.labels.map((label) => ({ target_id: epic.id, label_id: label.id, target_type: "Epic", label: labelRecord(label) })),
    notes: tree.notes.map(noteRecord),
    resource_state_events: tree.stateEvents.map(stateEventRecord),
  });
}
