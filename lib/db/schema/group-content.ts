import { sql } from "drizzle-orm";
import { date, index, integer, pgTable, serial, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import { groups } from "./groups";
import { importKey } from "./import-key";

export const labels = pgTable(
  "labels",
  {
    id: serial("id").primaryKey(),
    groupId: integer("group_id")
      .notNull()
      .references(() => groups.id, { onDelete: "cascade" }),
    title: text("title").notNull(),
    color: text("color").notNull().default("#6699cc"),
    description: text("description"),
    ...importKey(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("labels_group_title_idx").on(t.groupId, t.title),
    uniqueIndex("labels_import_key_idx").on(t.importEntityId, t.importKey).where(sql`${t.importKey} IS NOT NULL`),
  ],
);

export const milestones = pgTable(
  "milestones",
  {
    id: serial("id").primaryKey(),
    groupId: integer("group_id")
      .notNull()
      .references(() => groups.id, { onDelete: "cascade" }),
    iid: integer("iid").notNull(),
    title: text("title").notNull(),
    description: text("description"),
    state: text("state", { enum: ["active", "closed"] }).notNull().default("active"),
    startDate: date("start_date"),
    dueDate: date("due_date"),
    ...importKey(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("milestones_group_iid_idx").on(t.groupId, t.iid),
    index("milestones_group_title_idx").on(t.groupId, t.title),
    uniqueIndex("milestones_import_key_idx").on(t.importEntityId, t.importKey).where(sql`${t.importKey} IS NOT NULL`),
  ],
);
