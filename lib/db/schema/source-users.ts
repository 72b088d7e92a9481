import { sql } from "drizzle-orm";
import { index, integer, pgTable, serial, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import { users } from "./accounts";
import { groups } from "./groups";

/** A user of a source instance, as imports saw it: identified by (source instance, id on that instance). */
export const sourceUsers = pgTable(
  "source_users",
  {
    id: serial("id").primaryKey(),
    sourceUrl: text("source_url").notNull(),
    sourceUserId: integer("source_user_id").notNull(),
    username: text("username").notNull(),
    name: text("name"),
    publicEmail: text("public_email"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("source_users_source_idx").on(t.sourceUrl, t.sourceUserId)],
);

/**
 * Which local user a source user's contributions point at inside one top-level destination group (GitLab scopes
 * placeholders per import source and top-level group). `userId` is the current target: the email-matched user, the
 * placeholder, or after reassignment the real account; `placeholderUserId` remembers the placeholder that was made.
 */
export const sourceUserMappings = pgTable(
  "source_user_mappings",
  {
    id: serial("id").primaryKey(),
    sourceUserId: integer("source_user_id")
      .notNull()
      .references(() => sourceUsers.id, { onDelete: "cascade" }),
    rootGroupId: integer("root_group_id")
      .notNull()
      .references(() => groups.id, { onDelete: "cascade" }),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    placeholderUserId: integer("placeholder_user_id").references(() => users.id, { onDelete: "set null" }),
    reassignedAt: timestamp("reassigned_at", { withTimezone: true }),
    reassignedById: integer("reassigned_by_id").references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("source_user_mappings_source_root_idx").on(t.sourceUserId, t.rootGroupId),
    uniqueIndex("source_user_mappings_placeholder_idx").on(t.placeholderUserId).where(sql`${t.placeholderUserId} IS NOT NULL`),
    index("source_user_mappings_root_idx").on(t.rootGroupId),
    index("source_user_mappings_user_idx").on(t.userId),
  ],
);
