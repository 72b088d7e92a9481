import { sql } from "drizzle-orm";
import { bigint, check, index, integer, pgTable, serial, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import { bulkImportEntities } from "./imports";
import { projects } from "./projects";

/** GitLab's LfsObjectsProject repository types; a link without one (null) is the project's code, as on GitLab. */
export const LFS_REPOSITORY_TYPES = ["project", "wiki", "design"] as const;
export type LfsRepositoryType = (typeof LFS_REPOSITORY_TYPES)[number];

/**
 * A Git LFS object, stored once whatever number of projects have it: its file is under the data directory at
 * `lfs-objects/<oid[0:2]>/<oid[2:4]>/<oid[4:]>` (GitLab's layout), named by its SHA-256, which was checked when it was
 * stored. The row is written once the file is in place, so a row always has its file.
 */
export const lfsObjects = pgTable(
  "lfs_objects",
  {
    id: serial("id").primaryKey(),
    oid: text("oid").notNull(),
    size: bigint("size", { mode: "number" }).notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("lfs_objects_oid_idx").on(t.oid), check("lfs_objects_oid_sha256", sql`${t.oid} ~ '^[0-9a-f]{64}$'`)],
);

/** Which projects have an LFS object, and for which of their repositories (GitLab's lfs_objects_projects). */
export const lfsObjectsProjects = pgTable(
  "lfs_objects_projects",
  {
    id: serial("id").primaryKey(),
    lfsObjectId: integer("lfs_object_id")
      .notNull()
      .references(() => lfsObjects.id, { onDelete: "restrict" }),
    projectId: integer("project_id")
      .notNull()
      .references(() => projects.id, { onDelete: "cascade" }),
    repositoryType: text("repository_type").$type<LfsRepositoryType>(),
    importEntityId: integer("import_entity_id").references(() => bulkImportEntities.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    // The batch API's look-up (project and object) and the export's listing (a project's objects in order).
    index("lfs_objects_projects_project_idx").on(t.projectId, t.lfsObjectId),
    index("lfs_objects_projects_object_idx").on(t.lfsObjectId),
    // One link per type, and one untyped: two partial indexes rather than NULLS NOT DISTINCT, which needs PostgreSQL 15.
    uniqueIndex("lfs_objects_projects_typed_idx").on(t.projectId, t.lfsObjectId, t.repositoryType).where(sql`${t.repositoryType} IS NOT NULL`),
    uniqueIndex("lfs_objects_projects_untyped_idx").on(t.projectId, t.lfsObjectId).where(sql`${t.repositoryType} IS NULL`),
    check("lfs_objects_projects_repository_type", sql`${t.repositoryType} IN ('project', 'wiki', 'design')`),
  ],
);
