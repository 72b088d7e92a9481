import { sql } from "drizzle-orm";
import { bigint, boolean, check, index, integer, pgTable, serial, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import { users } from "./accounts";
import { groups } from "./groups";
import { projects } from "./projects";

/**
 * Ferry as a source: one relation export of one group (or project) for the user who asked, GitLab's
 * `bulk_import_exports`. Status 0 started, 1 finished, -1 failed, as the export_relations API shows it.
 */
export const bulkImportExports = pgTable(
  "bulk_import_exports",
  {
    id: serial("id").primaryKey(),
    groupId: integer("group_id").references(() => groups.id, { onDelete: "cascade" }),
    projectId: integer("project_id").references(() => projects.id, { onDelete: "cascade" }),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    relation: text("relation").notNull(),
    status: integer("status").notNull().default(0),
    error: text("error"),
    batched: boolean("batched").notNull().default(false),
    batchesCount: integer("batches_count").notNull().default(0),
    totalObjectsCount: integer("total_objects_count").notNull().default(0),
    /** Changes on every restart: jobs of an earlier run see that they are stale and stop without writing. */
    runId: text("run_id").notNull(),
    /** The whole relation's file (non-batched), relative to the exports directory. */
    filePath: text("file_path"),
    fileSize: bigint("file_size", { mode: "number" }),
    startedAt: timestamp("started_at", { withTimezone: true }).notNull().defaultNow(),
    finishedAt: timestamp("finished_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("bulk_import_exports_group_user_relation_idx").on(t.groupId, t.userId, t.relation).where(sql`${t.groupId} IS NOT NULL`),
    uniqueIndex("bulk_import_exports_project_user_relation_idx").on(t.projectId, t.userId, t.relation).where(sql`${t.projectId} IS NOT NULL`),
    index("bulk_import_exports_finished_idx").on(t.finishedAt),
    check("bulk_import_exports_one_portable", sql`(${t.groupId} IS NULL) <> (${t.projectId} IS NULL)`),
  ],
);

/** One batch of a batched export (GitLab's `bulk_import_export_batches`): up to 1000 records, one file. */
export const bulkImportExportBatches = pgTable(
  "bulk_import_export_batches",
  {
    id: serial("id").primaryKey(),
    exportId: integer("export_id")
      .notNull()
      .references(() => bulkImportExports.id, { onDelete: "cascade" }),
    batchNumber: integer("batch_number").notNull(),
    status: integer("status").notNull().default(0),
    objectsCount: integer("objects_count").notNull().default(0),
    error: text("error"),
    /** The records of the batch, fixed when the export started (GitLab keeps them in a cache for the batch worker). */
    recordIds: integer("record_ids").array().notNull(),
    filePath: text("file_path"),
    fileSize: bigint("file_size", { mode: "number" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("bulk_import_export_batches_export_batch_idx").on(t.exportId, t.batchNumber)],
);
