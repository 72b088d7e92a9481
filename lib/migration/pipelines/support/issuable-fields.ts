import { RecordError } from "../../errors";
import type { LabelInput } from "./label-resolution";
import { nestedList, nestedRecord, optionalUserId, within } from "./nested-fields";
import { optionalBoolean, optionalString, optionalTimestamp, rest, requiredString } from "./record-fields";

/**
 * Readers for what epics and issues (GitLab's issuables) share in their export records: state, labels, events and
 * state events.
 */

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

const EVENT_COLUMNS = ["action", "author_id", "created_at", "updated_at"] as const;
const STATE_EVENT_COLUMNS = ["state", "user_id", "close_after_error_tracking_resolve", "close_after_error", "created_at"] as const;
const LABEL_COLUMNS = ["title", "color", "description", "created_at", "updated_at"] as const;

// GitLab's Event.actions and ResourceStateEvent.states, for exports that give the enum's number.
const EVENT_ACTIONS = ["", "created", "updated", "closed", "reopened", "pushed", "commented", "merged", "joined", "left", "destroyed", "expired", "approved"];
const STATES = ["", "opened", "closed", "merged", "locked", "reopened"];

/** `state` ("opened"/"closed") in GitLab's current export; `state_id` (1/2, or its name in older fixtures) before. */
export function stateOf(record: Record<string, unknown>): "opened" | "closed" {
  const raw = record.state ?? record.state_id ?? "opened";
  const state = typeof raw === "number" || /^\d+$/.test(String(raw)) ? STATES[Number(raw)] : raw;
  if (state !== "opened" && state !== "closed") throw new RecordError(`state ${JSON.stringify(raw)} is not opened or closed`);
  return state;
}

export function enumName(record: Record<string, unknown>, field: string, names: string[]): string {
  const raw = record[field];
  const name = typeof raw === "number" ? names[raw] : raw;
  if (typeof name !== "string" || name === "") throw new RecordError(`${field} ${JSON.stringify(raw)} is not valid`);
  return name;
}

export function colorOf(record: Record<string, unknown>, fallback: string | null): string | null {
  const color = optionalString(record, "color");
  return color && (/^#[0-9a-fA-F]{3,8}$/.test(color) || /^[a-z]+$/i.test(color)) ? color : fallback;
}

export function labelOf(record: Record<string, unknown>): LabelInput {
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
export function labelsOf(record: Record<string, unknown>): LabelInput[] {
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

/** A record's `events`, each read in its place. */
export const eventsOf = (record: Record<string, unknown>): EventInput[] => nestedList(record, "events").map((event, i) => within(`events[${i}]`, () => eventOf(event)));

/** A record's `resource_state_events`, each read in its place. */
export const stateEventsOf = (record: Record<string, unknown>): StateEventInput[] =>
  nestedList(record, "resource_state_events").map((event, i) => within(`resource_state_events[${i}]`, () => stateEventOf(event)));
