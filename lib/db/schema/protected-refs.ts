import { sql } from "drizzle-orm";
import { boolean, integer, jsonb, pgTable, serial, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import { importKey } from "./import-key";
import { projects } from "./projects";

/**
 * One of GitLab's `*_access_levels` rows of a protected branch or tag: a role (`access_level` 0 No one, 30 Developers +
 * Maintainers, 40 Maintainers, 60 Administrators), or (EE) a user or a group. A user is the local account the source
 * user maps to; a group stays the source's id (`sourceGroupId`), since Ferry cannot tell which of its groups it is.
 */
export interface RefAccessLevel {
  accessLevel: number | null;
  userId: number | null;
  sourceGroupId: number | null;
  /** What the source row carried beyond these (its timestamps, its EE fields). */
  sourceAttributes: Record<string, unknown>;
}

const accessLevels = (name: string) => jsonb(name).$type<RefAccessLevel[]>().notNull().default([]);

/**
 * A project's protected branch rule: an exact name or a wildcard pattern (`release/*`). Its access levels are few
 * and always read with it (by the push policy, the settings page, the API), so they live on the row.
 */
export const protectedBranches = pgTable(
  "protected_branches",
  {
    id: serial("id").primaryKey(),
    projectId: integer("project_id")
      .notNull()
      .references(() => projects.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    allowForcePush: boolean("allow_force_push").notNull().default(false),
    codeOwnerApprovalRequired: boolean("code_owner_approval_required").notNull().default(false),
    mergeAccessLevels: accessLevels("merge_access_levels"),
    pushAccessLevels: accessLevels("push_access_levels"),
    unprotectAccessLevels: accessLevels("unprotect_access_levels"),
    ...importKey(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("protected_branches_project_name_idx").on(t.projectId, t.name),
    uniqueIndex("protected_branches_import_key_idx").on(t.importEntityId, t.importKey).where(sql`${t.importKey} IS NOT NULL`),
  ],
);

/** A project's protected tag rule: a name or wildcard pattern, and who may create matching tags. */
export const protectedTags = pgTable(
  "protected_tags",
  {
    id: serial("id").primaryKey(),
    projectId: integer("project_id")
      .notNull()
      .references(() => projects.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    createAccessLevels: accessLevels("create_access_levels"),
    ...importKey(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("protected_tags_project_name_idx").on(t.projectId, t.name),
    uniqueIndex("protected_tags_import_key_idx").on(t.importEntityId, t.importKey).where(sql`${t.importKey} IS NOT NULL`),
  ],
);
