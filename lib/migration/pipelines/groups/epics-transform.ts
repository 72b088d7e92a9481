import type { epics } from "@/lib/db";
import { RecordError } from "../../errors";
import type { SourceUserRef } from "../../source-users";
import { nestedList, nestedRecord, optionalInteger, optionalUserId, within, type AwardInput } from "../support/nested-fields";
import { awardsOf, notesOf, noteUsers, type NoteInput } from "../support/notes";
import type { LabelInput } from "../support/label-resolution";
import { importColumns, optionalBoolean, optionalDate, optionalString, optionalTimestamp, rest, requiredString } from "../support/record-fields";
import type { EntityContext } from "../support/types";

type EpicValues = Omit<typeof epics.$inferInsert, "authorId" | "closedById" | "lastEditedById">;

export interface EventInput {
  action: string;
  authorId: number | null;
  sourceAttributes: Record<string, unknown>;
  createdAt: Date | undefined;
  updatedAt: Date | undefined;
}

export interface StateEventInput {
  state: string;
  userId: number | null;
  closeAfterError: boolean;
  sourceAttributes: Record<string, unknown>;
  createdAt: Date | undefined;
}

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
const EVENT_COLUMNS = ["action", "author_id", "created_at", "updated_at"] as const;
const STATE_EVENT_COLUMNS = ["state", "user_id", "close_after_error_tracking_resolve", "close_after_error", "created_at"] as const;
const LABEL_COLUMNS = ["title", "color", "description", "created_at", "updated_at"] as const;

// GitLab's Event.actions and ResourceStateEvent.states, for exports that give the enum's number.
const EVENT_ACTIONS = ["", "created", "updated", "closed", "reopened", "pushed", "commented", "merged", "joined", "left", "destroyed", "expired", "approved"];
const STATES = ["", "opened", "closed", "merged", "locked", "reopened"];

/** `state` ("opened"/"closed") in GitLab's current export; `state_id` (1/2, or its name in older fixtures) before. */
function stateOf(record: Record<string, unknown>): "opened" | "closed" {
  const raw = record.state ?? record.state_id ?? "opened";
  const state = typeof raw === "number" || /^\d+$/.test(String(raw)) ? STATES[Number(raw)] : raw;
  if (state !== "opened" && state !== "closed") throw new RecordError(`state ${JSON.stringify(raw)} is not opened or closed`);
  return state;
}

function enumName(record: Record<string, unknown>, field: string, names: string[]): string {
  const raw = record[field];
  const name = typeof raw === "number" ? names[raw] : raw;
  if (typeof name !== "string" || name === "") throw new RecordError(`${field} ${JSON.stringify(raw)} is not valid`);
  return name;
}

function colorOf(record: Record<string, unknown>, fallback: string | null): string | null {
  const color = optionalString(record, "color");
  return color && (/^#[0-9a-fA-F]{3,8}$/.test(color) || /^[a-z]+$/i.test(color)) ? color : fallback;
}

function labelOf(record: Record<string, unknown>): LabelInput {
  return {
    title: requiredString(record, "title"),
    color: colorOf(record, "#6699cc")!,
    description: optionalString(record, "description"),
    sourceAttributes: rest(record, LABEL_COLUMNS),
    createdAt: optionalTimestamp(record, "created_at"),
    updatedAt: optionalTimestamp(record, "updated_at"),
  };
}

/** `label_links: [{ label: {...} }]` (the export tree), or `labels: [{...}]`. */
function labelsOf(record: Record<string, unknown>): LabelInput[] {
  const links = nestedList(record, "label_links").map((link, i) => within(`label_links[${i}]`, () => nestedRecord(link, "label")));
  const all = [...links, ...nestedList(record, "labels")].flatMap((label, i) => (label ? [within(`labels[${i}]`, () => labelOf(label))] : []));
  return [...new Map(all.map((label) => [label.title, label])).values()];
}

function eventOf(record: Record<string, unknown>): EventInput {
  return {
    action: enumName(record, "action", EVENT_ACTIONS),
    authorId: optionalUserId(record, "author_id"),
    sourceAttributes: rest(record, EVENT_COLUMNS),
    createdAt: optionalTimestamp(record, "created_at"),
    updatedAt: optionalTimestamp(record, "updated_at"),
  };
}

function stateEventOf(record: Record<string, unknown>): StateEventInput {
  return {
    state: enumName(record, "state", STATES),
    userId: optionalUserId(record, "user_id"),
    closeAfterError: optionalBoolean(record, "close_after_error_tracking_resolve") ?? optionalBoolean(record, "close_after_error") ?? false,
    sourceAttributes: rest(record, STATE_EVENT_COLUMNS),
    createdAt: optionalTimestamp(record, "created_at"),
  };
}

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
    events: nestedList(record, "events").map((event, i) => within(`events[${i}]`, () => eventOf(event))),
    stateEvents: nestedList(record, "resource_state_events").map((event, i) => within(`resource_state_events[${i}]`, () => stateEventOf(event))),
  };
  return { ...row, users: usersOf(row) };
}
