import { sql } from "drizzle-orm";
import { date, index, integer, pgTable, serial, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import { importKey } from "./import-key";
import { oneOwner, ownerColumns, perOwner } from "./owner";

/** A group's or a project's labels: a title is unique in its owner. */

export const labels = pgTable(
  "labels",
  {
    id: serial("id").primaryKey(),
    ...ownerColumns(),
    title: text("title").notNull(),
    color: text("color").notNull().default("#6699cc"),
    description: text("description"),
    ...importKey(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    ...perOwner(t, (owner) => uniqueIndex(`labels_${owner}_title_idx`), (owner) => [owner, t.title]),
    oneOwner("labels", t),
    uniqueIndex("labels_import_key_idx").on(t.importEntityId, t.importKey).where(sql`${t.importKey} IS NOT NULL`),
  ],
);

/** A group's or a project's milestones, numbered (iid) in their owner. */
export const milestones = pgTable(
  "milestones",
  {
    id: serial("id").primaryKey(),
    ...ownerColumns(),
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
    ...perOwner(t, (owner) => uniqueIndex(`milestones_${owner}_iid_idx`), (owner) => [owner, t.iid]),
    ...perOwner(t, (owner) => index(`milestones_${owner}_title_idx`), (owner) => [owner, t.title]),
    oneOwner("milestones", t),
    uniqueIndex("milestones_import_key_idx").on(t.importEntityId, t.importKey).where(sql`${t.importKey} IS NOT NULL`),
  ],
);
