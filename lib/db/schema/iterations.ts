import { sql } from "drizzle-orm";
import { boolean, date, index, integer, pgTable, serial, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import { groups } from "./groups";
import { importKey } from "./import-key";

export const iterationCadences = pgTable(
  "iteration_cadences",
  {
    id: serial("id").primaryKey(),
    groupId: integer("group_id")
      .notNull()
      .references(() => groups.id, { onDelete: "cascade" }),
    title: text("title").notNull(),
    description: text("description"),
    startDate: date("start_date"),
    durationInWeeks: integer("duration_in_weeks"),
    iterationsInAdvance: integer("iterations_in_advance"),
    active: boolean("active").notNull().default(true),
    automatic: boolean("automatic").notNull().default(false),
    rollOver: boolean("roll_over").notNull().default(false),
    ...importKey(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("iteration_cadences_group_idx").on(t.groupId, t.title),
    uniqueIndex("iteration_cadences_import_key_idx").on(t.importEntityId, t.importKey).where(sql`${t.importKey} IS NOT NULL`),
  ],
);

export const ITERATION_STATES = ["upcoming", "current", "closed"] as const;

export const iterations = pgTable(
  "iterations",
  {
    id: serial("id").primaryKey(),
    groupId: integer("group_id")
      .notNull()
      .references(() => groups.id, { onDelete: "cascade" }),
    cadenceId: integer("cadence_id").references(() => iterationCadences.id, { onDelete: "cascade" }),
    iid: integer("iid").notNull(),
    sequence: integer("sequence"),
    title: text("title"),
    description: text("description"),
    startDate: date("start_date").notNull(),
    dueDate: date("due_date").notNull(),
    state: text("state", { enum: ITERATION_STATES }).notNull().default("upcoming"),
    ...importKey(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("iterations_group_iid_idx").on(t.groupId, t.iid),
    index("iterations_group_dates_idx").on(t.groupId, t.startDate),
    index("iterations_cadence_idx").on(t.cadenceId, t.startDate),
    uniqueIndex("iterations_import_key_idx").on(t.importEntityId, t.importKey).where(sql`${t.importKey} IS NOT NULL`),
  ],
);
