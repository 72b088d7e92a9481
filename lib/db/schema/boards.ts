import { sql } from "drizzle-orm";
import { boolean, index, integer, jsonb, pgTable, primaryKey, serial, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import { users } from "./accounts";
import { labels, milestones } from "./content";
import { importKey } from "./import-key";
import { iterations } from "./iterations";
import { oneOwner, ownerColumns, perOwner } from "./owner";

/** A group's or a project's badges (GitLab's GroupBadge and ProjectBadge). */
export const badges = pgTable(
  "badges",
  {
    id: serial("id").primaryKey(),
    ...ownerColumns(),
    name: text("name"),
    linkUrl: text("link_url").notNull(),
    imageUrl: text("image_url").notNull(),
    ...importKey(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    ...perOwner(t, (owner) => index(`badges_${owner}_idx`), (owner) => [owner, t.id]),
    oneOwner("badges", t),
    uniqueIndex("badges_import_key_idx").on(t.importEntityId, t.importKey).where(sql`${t.importKey} IS NOT NULL`),
  ],
);

/**
 * An issue board of a group or a project. `milestoneId` scopes it to one milestone; GitLab's special scopes (Upcoming -2, Started -3,
 * Any -1) have no row and are kept in `milestoneScope`.
 */
export const boards = pgTable(
  "boards",
  {
    id: serial("id").primaryKey(),
    ...ownerColumns(),
    name: text("name").notNull().default("Development"),
    milestoneId: integer("milestone_id").references(() => milestones.id, { onDelete: "set null" }),
    milestoneScope: integer("milestone_scope"),
    iterationId: integer("iteration_id").references(() => iterations.id, { onDelete: "set null" }),
    assigneeId: integer("assignee_id").references(() => users.id, { onDelete: "set null" }),
    weight: integer("weight"),
    hideBacklogList: boolean("hide_backlog_list").notNull().default(false),
    hideClosedList: boolean("hide_closed_list").notNull().default(false),
    ...importKey(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    ...perOwner(t, (owner) => index(`boards_${owner}_idx`), (owner) => [owner, t.name]),
    oneOwner("boards", t),
    index("boards_assignee_idx").on(t.assigneeId),
    uniqueIndex("boards_import_key_idx").on(t.importEntityId, t.importKey).where(sql`${t.importKey} IS NOT NULL`),
  ],
);

/** The labels a board is scoped to (its configuration, not its lists). */
export const boardLabels = pgTable(
  "board_labels",
  {
    boardId: integer("board_id")
      .notNull()
      .references(() => boards.id, { onDelete: "cascade" }),
    labelId: integer("label_id")
      .notNull()
      .references(() => labels.id, { onDelete: "cascade" }),
  },
  (t) => [primaryKey({ columns: [t.boardId, t.labelId] }), index("board_labels_label_idx").on(t.labelId)],
);

export const LIST_TYPES = ["backlog", "label", "closed", "assignee", "milestone", "iteration"] as const;
export type ListType = (typeof LIST_TYPES)[number];

/** A board's lists: they belong to their board, as GitLab's `lists` do, and have no owner of their own. */
export const boardLists = pgTable(
  "board_lists",
  {
    id: serial("id").primaryKey(),
    boardId: integer("board_id")
      .notNull()
      .references(() => boards.id, { onDelete: "cascade" }),
    listType: text("list_type", { enum: LIST_TYPES }).notNull(),
    /** Only label, milestone, iteration and assignee lists have a position; backlog and closed lists sit at the ends. */
    position: integer("position"),
    labelId: integer("label_id").references(() => labels.id, { onDelete: "cascade" }),
    milestoneId: integer("milestone_id").references(() => milestones.id, { onDelete: "cascade" }),
    iterationId: integer("iteration_id").references(() => iterations.id, { onDelete: "cascade" }),
    userId: integer("user_id").references(() => users.id, { onDelete: "cascade" }),
    maxIssueCount: integer("max_issue_count").notNull().default(0),
    maxIssueWeight: integer("max_issue_weight").notNull().default(0),
    sourceAttributes: jsonb("source_attributes").$type<Record<string, unknown>>().notNull().default({}),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("board_lists_board_idx").on(t.boardId, t.position), index("board_lists_label_idx").on(t.labelId), index("board_lists_user_idx").on(t.userId)],
);
