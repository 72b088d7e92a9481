import { sql } from "drizzle-orm";
import { boolean, check, index, integer, jsonb, pgTable, serial, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import { users } from "./accounts";
import { groups, membershipColumns } from "./groups";

/** GitLab's Gitlab::VisibilityLevel, the integers a project's `visibility_level` holds. */
export const VISIBILITY_LEVELS = { private: 0, internal: 10, public: 20 } as const;

/**
 * A project in a group (its namespace); its repository is on disk under its id (lib/repositories). A path is unique
 * in its group whatever its case, as GitLab's routes are, and a name is unique in its group as GitLab validates it.
 * GitLab's other project settings (feature access levels, merge settings...) are kept in `source_attributes` under
 * their REST names, so what an import or an update brings is never lost.
 */
export const projects = pgTable(
  "projects",
  {
    id: serial("id").primaryKey(),
    namespaceId: integer("namespace_id")
      .notNull()
      .references(() => groups.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    path: text("path").notNull(),
    description: text("description").notNull().default(""),
    visibilityLevel: integer("visibility_level").notNull().default(VISIBILITY_LEVELS.private),
    defaultBranch: text("default_branch"),
    archived: boolean("archived").notNull().default(false),
    /** Topic names as given (GitLab's `topics`, formerly `tag_list`): shown sorted, unique whatever their case. */
    topics: text("topics").array().notNull().default(sql`'{}'::text[]`),
    creatorId: integer("creator_id").references(() => users.id, { onDelete: "set null" }),
    /** What the source record carried beyond the columns, so that nothing it sent is lost. */
    sourceAttributes: jsonb("source_attributes").$type<Record<string, unknown>>().notNull().default({}),
    /**
     * GitLab's one-record project relations (project_feature, ci_cd_settings, container_expiration_policy...) as the
     * source exported them, by relation name: kept whole so that nothing is lost and Ferry exports them back.
     */
    settingRelations: jsonb("setting_relations").$type<Record<string, Record<string, unknown>>>().notNull().default({}),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
    lastActivityAt: timestamp("last_activity_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("projects_namespace_path_idx").on(t.namespaceId, sql`lower(${t.path})`),
    uniqueIndex("projects_namespace_name_idx").on(t.namespaceId, t.name),
    check("projects_visibility_level", sql`${t.visibilityLevel} IN (0, 10, 20)`),
    // GET /groups/:id/projects: one namespace (or a few, with include_subgroups) in the default order, newest first.
    index("projects_namespace_created_idx").on(t.namespaceId, t.createdAt, t.id),
    // GET /projects and ?visibility=: the public ones anonymous callers list, newest first.
    index("projects_visibility_level_idx").on(t.visibilityLevel, t.createdAt, t.id),
    // GET /projects?order_by=...: a page of the newest, last active or last updated, by name or by path.
    index("projects_created_at_idx").on(t.createdAt, t.id),
    index("projects_last_activity_at_idx").on(t.lastActivityAt, t.id),
    index("projects_updated_at_idx").on(t.updatedAt, t.id),
    index("projects_name_idx").on(t.name, t.id),
    index("projects_path_idx").on(t.path, t.id),
  ],
);

/**
 * Direct members of a project, beside `group_members` rather than in one table with a source type (GitLab's
 * `members`): every access check, the placeholder reassignment and the source endpoints read `group_members` as it
 * is, and each table keeps a real foreign key to its owner.
 */
export const projectMembers = pgTable(
  "project_members",
  {
    id: serial("id").primaryKey(),
    projectId: integer("project_id")
      .notNull()
      .references(() => projects.id, { onDelete: "cascade" }),
    ...membershipColumns(),
  },
  (t) => [uniqueIndex("project_members_project_user_idx").on(t.projectId, t.userId), index("project_members_user_idx").on(t.userId)],
);
