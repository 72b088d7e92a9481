import { sql } from "drizzle-orm";
import {
  type AnyPgColumn,
  boolean,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  serial,
  text,
  timestamp,
  uniqueIndex,
} from "drizzle-orm/pg-core";
import { users } from "./accounts";
import { groups } from "./groups";
import { labels } from "./group-content";
import { importKey } from "./import-key";

/**
 * A group epic. Dates follow GitLab: `*_fixed` are what the user set, `*_is_fixed` says whether they win over the
 * dates inherited from milestones and child epics, and `startDate`/`dueDate` are the effective ones.
 * `importParentKey` is the parent's import key until the parent arrives (a child may come first in the export).
 */
export const epics = pgTable(
  "epics",
  {
    id: serial("id").primaryKey(),
    groupId: integer("group_id")
      .notNull()
      .references(() => groups.id, { onDelete: "cascade" }),
    iid: integer("iid").notNull(),
    title: text("title").notNull(),
    description: text("description"),
    state: text("state", { enum: ["opened", "closed"] }).notNull().default("opened"),
    confidential: boolean("confidential").notNull().default(false),
    authorId: integer("author_id").references(() => users.id, { onDelete: "set null" }),
    parentId: integer("parent_id").references((): AnyPgColumn => epics.id, { onDelete: "set null" }),
    importParentKey: text("import_parent_key"),
    relativePosition: integer("relative_position"),
    color: text("color"),
    startDate: date("start_date"),
    dueDate: date("due_date"),
    startDateFixed: date("start_date_fixed"),
    dueDateFixed: date("due_date_fixed"),
    startDateIsFixed: boolean("start_date_is_fixed"),
    dueDateIsFixed: boolean("due_date_is_fixed"),
    closedAt: timestamp("closed_at", { withTimezone: true }),
    closedById: integer("closed_by_id").references(() => users.id, { onDelete: "set null" }),
    lastEditedAt: timestamp("last_edited_at", { withTimezone: true }),
    lastEditedById: integer("last_edited_by_id").references(() => users.id, { onDelete: "set null" }),
    ...importKey(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("epics_group_iid_idx").on(t.groupId, t.iid),
    index("epics_group_state_idx").on(t.groupId, t.state, t.createdAt),
    index("epics_parent_idx").on(t.parentId),
    index("epics_author_idx").on(t.authorId),
    // Placeholder reassignment and contribution counts look epics up by each user column.
    index("epics_closed_by_idx").on(t.closedById),
    index("epics_last_edited_by_idx").on(t.lastEditedById),
    index("epics_pending_parent_idx").on(t.importEntityId, t.importParentKey).where(sql`${t.importParentKey} IS NOT NULL`),
    uniqueIndex("epics_import_key_idx").on(t.importEntityId, t.importKey).where(sql`${t.importKey} IS NOT NULL`),
  ],
);

export const epicLabels = pgTable(
  "epic_labels",
  {
    epicId: integer("epic_id")
      .notNull()
      .references(() => epics.id, { onDelete: "cascade" }),
    labelId: integer("label_id")
      .notNull()
      .references(() => labels.id, { onDelete: "cascade" }),
  },
  (t) => [primaryKey({ columns: [t.epicId, t.labelId] }), index("epic_labels_label_idx").on(t.labelId)],
);

/** Comments and system notes on anything notable (epics now; issues and merge requests share the table later). */
export const notes = pgTable(
  "notes",
  {
    id: serial("id").primaryKey(),
    groupId: integer("group_id")
      .notNull()
      .references(() => groups.id, { onDelete: "cascade" }),
    noteableType: text("noteable_type").notNull(),
    noteableId: integer("noteable_id").notNull(),
    authorId: integer("author_id").references(() => users.id, { onDelete: "set null" }),
    note: text("note").notNull().default(""),
    system: boolean("system").notNull().default(false),
    /** GitLab's system_note_metadata.action (e.g. "relate_epic"), for the icon of a system note. */
    systemAction: text("system_action"),
    internal: boolean("internal").notNull().default(false),
    discussionId: text("discussion_id"),
    ...importKey(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("notes_noteable_idx").on(t.noteableType, t.noteableId, t.createdAt),
    index("notes_author_idx").on(t.authorId),
    uniqueIndex("notes_import_key_idx").on(t.importEntityId, t.importKey).where(sql`${t.importKey} IS NOT NULL`),
  ],
);

/** An emoji reaction on an epic or a note; a user awards one name once per thing. */
export const awardEmoji = pgTable(
  "award_emoji",
  {
    id: serial("id").primaryKey(),
    awardableType: text("awardable_type").notNull(),
    awardableId: integer("awardable_id").notNull(),
    name: text("name").notNull(),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("award_emoji_unique_idx").on(t.awardableType, t.awardableId, t.name, t.userId),
    index("award_emoji_user_idx").on(t.userId),
  ],
);

/** Activity events (GitLab's `events`: created, closed, reopened...) about a target. */
export const events = pgTable(
  "events",
  {
    id: serial("id").primaryKey(),
    groupId: integer("group_id")
      .notNull()
      .references(() => groups.id, { onDelete: "cascade" }),
    authorId: integer("author_id").references(() => users.id, { onDelete: "set null" }),
    action: text("action").notNull(),
    targetType: text("target_type"),
    targetId: integer("target_id"),
    sourceAttributes: jsonb("source_attributes").$type<Record<string, unknown>>().notNull().default({}),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("events_target_idx").on(t.targetType, t.targetId), index("events_author_idx").on(t.authorId), index("events_group_idx").on(t.groupId, t.createdAt)],
);

/** State changes of an epic (opened, closed, reopened), as GitLab's resource_state_events. */
export const resourceStateEvents = pgTable(
  "resource_state_events",
  {
    id: serial("id").primaryKey(),
    epicId: integer("epic_id")
      .notNull()
      .references(() => epics.id, { onDelete: "cascade" }),
    userId: integer("user_id").references(() => users.id, { onDelete: "set null" }),
    state: text("state").notNull(),
    closeAfterError: boolean("close_after_error").notNull().default(false),
    sourceAttributes: jsonb("source_attributes").$type<Record<string, unknown>>().notNull().default({}),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("resource_state_events_epic_idx").on(t.epicId, t.createdAt), index("resource_state_events_user_idx").on(t.userId)],
);
