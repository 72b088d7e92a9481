import { sql } from "drizzle-orm";
import { boolean, index, integer, jsonb, pgTable, primaryKey, serial, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import { groups } from "./groups";
import { labels } from "./content";
import { importKey } from "./import-key";

/** A group epic board (GitLab EE's `boards_epic_boards`): its lists sort the group's epics by label. */
export const epicBoards = pgTable(
  "epic_boards",
  {
    id: serial("id").primaryKey(),
    groupId: integer("group_id")
      .notNull()
      .references(() => groups.id, { onDelete: "cascade" }),
    name: text("name").notNull().default("Development"),
    hideBacklogList: boolean("hide_backlog_list").notNull().default(false),
    hideClosedList: boolean("hide_closed_list").notNull().default(false),
    /** Whether cards show their epic's colour, as GitLab's "Show colors" board setting. */
    displayColors: boolean("display_colors").notNull().default(true),
    ...importKey(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("epic_boards_group_idx").on(t.groupId, t.name),
    uniqueIndex("epic_boards_import_key_idx").on(t.importEntityId, t.importKey).where(sql`${t.importKey} IS NOT NULL`),
  ],
);

/** The labels an epic board is scoped to (its configuration, not its lists). */
export const epicBoardLabels = pgTable(
  "epic_board_labels",
  {
    epicBoardId: integer("epic_board_id")
      .notNull()
      .references(() => epicBoards.id, { onDelete: "cascade" }),
    labelId: integer("label_id")
      .notNull()
      .references(() => labels.id, { onDelete: "cascade" }),
  },
  (t) => [primaryKey({ columns: [t.epicBoardId, t.labelId] }), index("epic_board_labels_label_idx").on(t.labelId)],
);

/** `Boards::EpicList.list_types`, in the order of their enum values (backlog 0, label 1, closed 2). */
export const EPIC_LIST_TYPES = ["backlog", "label", "closed"] as const;
export type EpicListType = (typeof EPIC_LIST_TYPES)[number];

export const epicBoardLists = pgTable(
  "epic_board_lists",
  {
    id: serial("id").primaryKey(),
    epicBoardId: integer("epic_board_id")
      .notNull()
      .references(() => epicBoards.id, { onDelete: "cascade" }),
    listType: text("list_type", { enum: EPIC_LIST_TYPES }).notNull(),
    /** Only label lists have a position; the backlog (Open) and Closed lists sit at the ends. */
    position: integer("position"),
    labelId: integer("label_id").references(() => labels.id, { onDelete: "cascade" }),
    sourceAttributes: jsonb("source_attributes").$type<Record<string, unknown>>().notNull().default({}),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("epic_board_lists_board_idx").on(t.epicBoardId, t.position), index("epic_board_lists_label_idx").on(t.labelId)],
);
