import type { epics } from "@/lib/db";
import { RecordError } from "../../errors";
import type { SourceUserRef } from "../../source-users";
import { colorOf, eventsOf, labelsOf, stateEventsOf, stateOf, type EventInput, type StateEventInput } from "../support/issuable-fields";
import { nestedRecord, optionalInteger, optionalUserId, type AwardInput } from "../support/nested-fields";
import { awardsOf, notesOf, noteUsers, type NoteInput } from "../support/notes";
import type { LabelInput } from "../support/label-resolution";
import { importColumns, optionalBoolean, optionalDate, optionalString, optionalTimestamp, requiredString } from "../support/record-fields";
import type { EntityContext } from "../support/types";

type EpicValues = Omit<typeof epics.$inferInsert, "authorId" | "closedById" | "lastEditedById">;

/** One source epic, ready to load: its columns, its parent's import key, and its nested records. */
export interface EpicRow {
  values: EpicValues & { importKey: string };
  /** Source user ids, mapped to local users when the chunk is loaded. */
  authorId: number | null;
  closedById: number | null;
  lastEditedById: number | null;
  labels: LabelInput[];
  awards: AwardInput[];
  notes: NoteInput[];
  events: EventInput[];
  stateEvents: StateEventInput[];
  /** Every source user the epic names, with the names the export gives (notes' `author: { name }`). */
  users: SourceUserRef[];
}

// What became a column, the parent link or a row of its own; the rest of the record is kept as it came.
const EPIC_COLUMNS = [
  "iid", "title", "description", "state", "state_id", "confidential", "author_id", "start_date", "end_date", "due_date",
  "start_date_fixed", "due_date_fixed", "start_date_is_fixed", "due_date_is_fixed", "relative_position", "color",
  "closed_at", "closed_by_id", "last_edited_at", "last_edited_by_id", "created_at", "updated_at", "parent_id", "parent",
  "label_links", "labels", "award_emoji", "notes", "events", "resource_state_events",
] as const;

/** The parent's import key: the epics pipeline keys epics by source id, and a record names its parent by `parent_id` or `parent.id`. */
function parentKeyOf(record: Record<string, unknown>): string | null {
  const parentId = record.parent_id ?? nestedRecord(record, "parent")?.id ?? null;
  if (parentId === null) return null;
  if (typeof parentId !== "number" && typeof parentId !== "string") throw new RecordError("parent_id must be an id");
  return `id:${parentId}`;
}

function usersOf(row: Omit<EpicRow, "users">): SourceUserRef[] {
  const refs: SourceUserRef[] = [];
  const add = (id: number | null, name?: string | null) => id !== null && refs.push({ id, name });
  add(row.authorId);
  add(row.closedById);
  add(row.lastEditedById);
  for (const award of row.awards) add(award.userId);
  refs.push(...noteUsers(row.notes));
  for (const event of row.events) add(event.authorId);
  for (const event of row.stateEvents) add(event.userId);
  return refs;
}

export function transformEpic(record: Record<string, unknown>, entity: EntityContext, key: string): EpicRow {
  const iid = record.iid;
  if (typeof iid !== "number" || !Number.isInteger(iid) || iid < 1 || iid > 2 ** 31 - 1) throw new RecordError("iid must be a positive integer");
  const columns = importColumns(record, entity.entityId, key, EPIC_COLUMNS);
  const row = {
    values: {
      groupId: entity.groupId!,
      iid,
      title: requiredString(record, "title"),
      description: optionalString(record, "description"),
      state: stateOf(record),
      confidential: optionalBoolean(record, "confidential") ?? false,
      importParentKey: parentKeyOf(record),
      relativePosition: optionalInteger(record, "relative_position"),
      color: colorOf(record, null),
      startDate: optionalDate(record, "start_date"),
      dueDate: optionalDate(record, "end_date") ?? optionalDate(record, "due_date"),
      startDateFixed: optionalDate(record, "start_date_fixed"),
      dueDateFixed: optionalDate(record, "due_date_fixed"),
      startDateIsFixed: optionalBoolean(record, "start_date_is_fixed"),
      dueDateIsFixed: optionalBoolean(record, "due_date_is_fixed"),
      closedAt: optionalTimestamp(record, "closed_at") ?? null,
      lastEditedAt: optionalTimestamp(record, "last_edited_at") ?? null,
      ...columns,
      importKey: key,
    },
    authorId: optionalUserId(record, "author_id"),
    closedById: optionalUserId(record, "closed_by_id"),
    lastEditedById: optionalUserId(record, "last_edited_by_id"),
    labels: labelsOf(record),
    awards: awardsOf(record),
    notes: notesOf(record, key),
    events: eventsOf(record),
    stateEvents: stateEventsOf(record),
  };
  return Object.assign({}, row, { users: usersOf(row) });
}
