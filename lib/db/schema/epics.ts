import { sql } from "drizzle-orm";
import { type AnyPgColumn, boolean, date, index, integer, pgTable, primaryKey, serial, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import { users } from "./accounts";
import { groups } from "./groups";
import { labels } from "./content";
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
