import { sql } from "drizzle-orm";
import { boolean, check, type ExtraConfigColumn, index, integer, jsonb, pgTable, serial, text, timestamp } from "drizzle-orm/pg-core";
import { users } from "./accounts";
import { labels, milestones } from "./content";
import { epics } from "./epics";
import { issues } from "./issues";
import { mergeRequests } from "./merge-requests";
import { oneOwner, ownerColumns, perOwner } from "./owner";

/** What a resource event is about: an epic, an issue or a merge request, exactly one of them. */
const targetColumns = () => ({
  epicId: integer("epic_id").references(() => epics.id, { onDelete: "cascade" }),
  issueId: integer("issue_id").references(() => issues.id, { onDelete: "cascade" }),
  mergeRequestId: integer("merge_request_id").references(() => mergeRequests.id, { onDelete: "cascade" }),
});

interface TargetColumns {
  epicId: ExtraConfigColumn;
  issueId: ExtraConfigColumn;
  mergeRequestId: ExtraConfigColumn;
  createdAt: ExtraConfigColumn;
}

/** One target per event, and an index per target for its timeline (partial: most rows have one of the two). */
function perTarget(table: string, t: TargetColumns) {
  return [
    check(`${table}_one_target`, sql`num_nonnulls(${t.epicId}, ${t.issueId}, ${t.mergeRequestId}) = 1`),
    index(`${table}_epic_idx`).on(t.epicId, t.createdAt).where(sql`${t.epicId} IS NOT NULL`),
    index(`${table}_issue_idx`).on(t.issueId, t.createdAt).where(sql`${t.issueId} IS NOT NULL`),
    index(`${table}_merge_request_idx`).on(t.mergeRequestId, t.createdAt).where(sql`${t.mergeRequestId} IS NOT NULL`),
  ];
}

/**
 * State changes of an epic, an issue or a merge request (opened, closed, reopened), as GitLab's resource_state_events, owned by the
 * group or project of what changed.
 */
export const resourceStateEvents = pgTable(
  "resource_state_events",
  {
    id: serial("id").primaryKey(),
    ...ownerColumns(),
    ...targetColumns(),
    userId: integer("user_id").references(() => users.id, { onDelete: "set null" }),
    state: text("state").notNull(),
    closeAfterError: boolean("close_after_error").notNull().default(false),
    sourceAttributes: jsonb("source_attributes").$type<Record<string, unknown>>().notNull().default({}),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    ...perTarget("resource_state_events", t),
    index("resource_state_events_user_idx").on(t.userId),
    // What deleting a group or a project cascades through.
    ...perOwner(t, (owner) => index(`resource_state_events_${owner}_idx`), (owner) => [owner]),
    oneOwner("resource_state_events", t),
  ],
);

/** Labels added to or removed from an epic, an issue or a merge request (GitLab's resource_label_events). */
export const resourceLabelEvents = pgTable(
  "resource_label_events",
  {
    id: serial("id").primaryKey(),
    ...ownerColumns(),
    ...targetColumns(),
    labelId: integer("label_id").references(() => labels.id, { onDelete: "set null" }),
    userId: integer("user_id").references(() => users.id, { onDelete: "set null" }),
    action: text("action", { enum: ["add", "remove"] }).notNull(),
    sourceAttributes: jsonb("source_attributes").$type<Record<string, unknown>>().notNull().default({}),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    ...perTarget("resource_label_events", t),
    index("resource_label_events_user_idx").on(t.userId),
    index("resource_label_events_label_idx").on(t.labelId),
    ...perOwner(t, (owner) => index(`resource_label_events_${owner}_idx`), (owner) => [owner]),
    oneOwner("resource_label_events", t),
  ],
);

/** Milestones set on or taken off an epic, an issue or a merge request (GitLab's resource_milestone_events). */
export const resourceMilestoneEvents = pgTable(
  "resource_milestone_events",
  {
    id: serial("id").primaryKey(),
    ...ownerColumns(),
    ...targetColumns(),
    milestoneId: integer("milestone_id").references(() => milestones.id, { onDelete: "set null" }),
    userId: integer("user_id").references(() => users.id, { onDelete: "set null" }),
    action: text("action", { enum: ["add", "remove"] }).notNull(),
    /** The state of the target when it happened (GitLab's `state`: opened, closed...). */
    state: text("state").notNull().default("opened"),
    sourceAttributes: jsonb("source_attributes").$type<Record<string, unknown>>().notNull().default({}),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    ...perTarget("resource_milestone_events", t),
    index("resource_milestone_events_user_idx").on(t.userId),
    index("resource_milestone_events_milestone_idx").on(t.milestoneId),
    ...perOwner(t, (owner) => index(`resource_milestone_events_${owner}_idx`), (owner) => [owner]),
    oneOwner("resource_milestone_events", t),
  ],
);
