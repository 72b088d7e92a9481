import { sql } from "drizzle-orm";
import {
  type AnyPgColumn,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  serial,
  text,
  timestamp,
  uniqueIndex,
} from "drizzle-orm/pg-core";
import { users } from "./accounts";

export const VISIBILITIES = ["private", "internal", "public"] as const;
export type Visibility = (typeof VISIBILITIES)[number];

export const groups = pgTable(
  "groups",
  {
    id: serial("id").primaryKey(),
    parentId: integer("parent_id").references((): AnyPgColumn => groups.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    path: text("path").notNull(),
    fullPath: text("full_path").notNull(),
    fullName: text("full_name").notNull(),
    /** Ids from the root down to this group (GitLab's traversal_ids): ancestry checks without recursion. */
    traversalIds: integer("traversal_ids").array().notNull().default(sql`'{}'::integer[]`),
    description: text("description").notNull().default(""),
    visibility: text("visibility", { enum: VISIBILITIES }).notNull().default("private"),
    avatarPath: text("avatar_path"),
    /** GitLab group settings (project_creation_level, lfs_enabled, ...): kept whole so an export gives them back. */
    settings: jsonb("settings").$type<Record<string, unknown>>().notNull().default({}),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("groups_full_path_lower_idx").on(sql`lower(${t.fullPath})`),
    index("groups_parent_idx").on(t.parentId),
    index("groups_traversal_ids_idx").using("gin", t.traversalIds),
  ],
);

export const ACCESS_LEVELS = { guest: 10, reporter: 20, developer: 30, maintainer: 40, owner: 50 } as const;
export type AccessLevel = (typeof ACCESS_LEVELS)[keyof typeof ACCESS_LEVELS];

/** What a membership is, whether of a group or of a project: who, at which level, until when, added by whom. */
export const membershipColumns = () => ({
  userId: integer("user_id")
    .notNull()
    .references(() => users.id, { onDelete: "cascade" }),
  accessLevel: integer("access_level").notNull(),
  expiresAt: date("expires_at"),
  createdById: integer("created_by_id").references(() => users.id, { onDelete: "set null" }),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
});

export const groupMembers = pgTable(
  "group_members",
  {
    id: serial("id").primaryKey(),
    groupId: integer("group_id")
      .notNull()
      .references(() => groups.id, { onDelete: "cascade" }),
    ...membershipColumns(),
  },
  (t) => [uniqueIndex("group_members_group_user_idx").on(t.groupId, t.userId), index("group_members_user_idx").on(t.userId)],
);
