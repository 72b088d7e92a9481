import { RecordError } from "../../errors";
import type { SourceUserRef } from "../../source-users";
import { eventsOf, labelOf, labelsOf, stateEventsOf, type EventInput, type StateEventInput } from "./issuable-fields";
import type { LabelInput } from "./label-resolution";
import type { MilestoneRefInput } from "./milestone-resolution";
import { nestedList, nestedRecord, optionalInteger, optionalUserId, within, type AwardInput } from "./nested-fields";
import { awardsOf, notesOf, noteUsers, type NoteInput } from "./notes";
import { optionalDate, optionalString, optionalTimestamp, rest, requiredString } from "./record-fields";

/**
 * Readers for what issues and merge requests (GitLab's project issuables) share in their export records beyond what
 * epics have: their milestone, label and milestone events, and timelogs; and the source users all of it names.
 */

export interface LabelEventInput {
  action: "add" | "remove";
  label: LabelInput | null;
  userId: number | null;
  sourceAttributes: Record<string, unknown>;
  createdAt: Date | undefined;
}

export interface MilestoneEventInput {
  action: "add" | "remove";
  milestone: MilestoneRefInput | null;
  state: string;
  userId: number | null;
  sourceAttributes: Record<string, unknown>;
  createdAt: Date | undefined;
}

export interface TimelogInput {
  userId: number | null;
  timeSpent: number;
  spentAt: Date | undefined;
  summary: string | null;
  sourceAttributes: Record<string, unknown>;
  createdAt: Date | undefined;
  updatedAt: Date | undefined;
}

/** What an issue or a merge request carries besides its own columns, read from its export record. */
export interface IssuableActivity {
  milestone: MilestoneRefInput | null;
  labels: LabelInput[];
  awards: AwardInput[];
  notes: NoteInput[];
  events: EventInput[];
  stateEvents: StateEventInput[];
  labelEvents: LabelEventInput[];
  milestoneEvents: MilestoneEventInput[];
  timelogs: TimelogInput[];
}

const MILESTONE_COLUMNS = ["title", "iid", "description", "state", "start_date", "due_date", "created_at", "updated_at"] as const;
// GitLab's ResourceMilestoneEvent / issuable states, for exports that give the enum's number.
const TARGET_STATES = ["", "opened", "closed", "merged", "locked", "reopened"];

export function milestoneOf(record: Record<string, unknown>): MilestoneRefInput {
  const state = record.state ?? "active";
  if (state !== "active" && state !== "closed") throw new RecordError(`state ${JSON.stringify(state)} is not active or closed`);
  const iid = optionalInteger(record, "iid");
  return {
    title: requiredString(record, "title"),
    iid: iid !== null && iid > 0 ? iid : null,
    description: optionalString(record, "description"),
    state,
    startDate: optionalDate(record, "start_date"),
    dueDate: optionalDate(record, "due_date"),
    sourceAttributes: rest(record, MILESTONE_COLUMNS),
    createdAt: optionalTimestamp(record, "created_at"),
    updatedAt: optionalTimestamp(record, "updated_at"),
  };
}

function addRemove(record: Record<string, unknown>): "add" | "remove" {
  const raw = record.action;
  const action = raw === 1 ? "add" : raw === 2 ? "remove" : raw;
  if (action !== "add" && action !== "remove") throw new RecordError(`action ${JSON.stringify(raw)} is not add or remove`);
  return action;
}

function labelEventOf(record: Record<string, unknown>): LabelEventInput {
  const label = nestedRecord(record, "label");
  return {
    action: addRemove(record),
    label: label ? within("label", () => labelOf(label)) : null,
    userId: optionalUserId(record, "user_id"),
    sourceAttributes: rest(record, ["action", "label", "user_id", "created_at"]),
    createdAt: optionalTimestamp(record, "created_at"),
  };
}

function milestoneEventOf(record: Record<string, unknown>): MilestoneEventInput {
  const milestone = nestedRecord(record, "milestone");
  const state = record.state ?? "opened";
  if (typeof state !== "string" && typeof state !== "number") throw new RecordError("state must be a name");
  return {
    action: addRemove(record),
    milestone: milestone ? within("milestone", () => milestoneOf(milestone)) : null,
    state: typeof state === "number" ? (TARGET_STATES[state] || "opened") : state,
    userId: optionalUserId(record, "user_id"),
    sourceAttributes: rest(record, ["action", "milestone", "state", "user_id", "created_at"]),
    createdAt: optionalTimestamp(record, "created_at"),
  };
}

function timelogOf(record: Record<string, unknown>): TimelogInput {
  const timeSpent = optionalInteger(record, "time_spent");
  if (timeSpent === null) throw new RecordError("time_spent can't be blank");
  return {
    userId: optionalUserId(record, "user_id"),
    timeSpent,
    spentAt: optionalTimestamp(record, "spent_at"),
    summary: optionalString(record, "summary"),
    sourceAttributes: rest(record, ["time_spent", "user_id", "spent_at", "summary", "created_at", "updated_at"]),
    createdAt: optionalTimestamp(record, "created_at"),
    updatedAt: optionalTimestamp(record, "updated_at"),
  };
}

/** The nested `milestone` (the export tree's), or null. */
export const issuableMilestoneOf = (record: Record<string, unknown>): MilestoneRefInput | null =>
  within("milestone", () => {
    const milestone = nestedRecord(record, "milestone");
    return milestone ? milestoneOf(milestone) : null;
  });

export const labelEventsOf = (record: Record<string, unknown>): LabelEventInput[] =>
  nestedList(record, "resource_label_events").map((event, i) => within(`resource_label_events[${i}]`, () => labelEventOf(event)));

export const milestoneEventsOf = (record: Record<string, unknown>): MilestoneEventInput[] =>
  nestedList(record, "resource_milestone_events").map((event, i) => within(`resource_milestone_events[${i}]`, () => milestoneEventOf(event)));

export const timelogsOf = (record: Record<string, unknown>): TimelogInput[] => nestedList(record, "timelogs").map((timelog, i) => within(`timelogs[${i}]`, () => timelogOf(timelog)));

/** The source users an issuable's activity names: award givers, note authors, event and resource event authors. */
export function activityUsers(activity: Omit<IssuableActivity, "milestone" | "labels">): SourceUserRef[] {
  const ids = [
    ...activity.awards.map((award) => award.userId),
    ...activity.events.map((event) => event.authorId),
    ...[...activity.stateEvents, ...activity.labelEvents, ...activity.milestoneEvents, ...activity.timelogs].map((event) => event.userId),
  ];
  return [...ids.flatMap((id) => (id === null ? [] : [{ id }])), ...noteUsers(activity.notes)];
}

/** Everything of an issue's or a merge request's record that they share, each read in its place. */
export function issuableActivityOf(record: Record<string, unknown>, key: string): IssuableActivity {
  return {
    milestone: issuableMilestoneOf(record),
    labels: labelsOf(record),
    awards: awardsOf(record),
    notes: notesOf(record, key),
    events: eventsOf(record),
    stateEvents: stateEventsOf(record),
    labelEvents: labelEventsOf(record),
    milestoneEvents: milestoneEventsOf(record),
    timelogs: timelogsOf(record),
  };
}
