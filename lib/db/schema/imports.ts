import { sql } from "drizzle-orm";
import { boolean, index, integer, jsonb, pgTable, serial, text, timestamp, uniqueIndex, type AnyPgColumn } from "drizzle-orm/pg-core";
import { users } from "./accounts";
import { groups } from "./groups";
import { projects } from "./projects";

/** A user's connection to a source instance: one per user, the token encrypted at rest (lib/crypto). */
export const sourceConnections = pgTable("source_connections", {
  id: serial("id").primaryKey(),
  userId: integer("user_id")
    .notNull()
    .unique()
    .references(() => users.id, { onDelete: "cascade" }),
  url: text("url").notNull(),
  version: text("version").notNull(),
  enterprise: boolean("enterprise").notNull().default(false),
  sourceUsername: text("source_username"),
  tokenCiphertext: text("token_ciphertext").notNull(),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
});

/**
 * GitLab's status values, shared by imports, entities, trackers and batches (trackers add enqueued, skipped and
 * canceled with their own numbers, as GitLab's do).
 */
export const bulkImports = pgTable(
  "bulk_imports",
  {
    id: serial("id").primaryKey(),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    sourceType: text("source_type").notNull().default("gitlab"),
    sourceUrl: text("source_url").notNull(),
    sourceVersion: text("source_version").notNull(),
    sourceEnterprise: boolean("source_enterprise").notNull().default(false),
    /**
     * The import keeps its own copy of the token, so that disconnecting the page's source does not break it. A remote
     * file import (POST /projects/remote-import) seals its URL here instead, until a worker has fetched the archive.
     */
    tokenCiphertext: text("token_ciphertext").notNull(),
    status: integer("status").notNull().default(0),
    hasFailures: boolean("has_failures").notNull().default(false),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("bulk_imports_user_idx").on(t.userId, t.createdAt), index("bulk_imports_status_idx").on(t.status, t.updatedAt)],
);

export const bulkImportEntities = pgTable(
  "bulk_import_entities",
  {
    id: serial("id").primaryKey(),
    bulkImportId: integer("bulk_import_id")
      .notNull()
      .references(() => bulkImports.id, { onDelete: "cascade" }),
    parentId: integer("parent_id").references((): AnyPgColumn => bulkImportEntities.id, { onDelete: "cascade" }),
    sourceType: text("source_type", { enum: ["group_entity", "project_entity"] }).notNull(),
    sourceFullPath: text("source_full_path").notNull(),
    sourceXid: integer("source_xid"),
    destinationSlug: text("destination_slug").notNull(),
    destinationNamespace: text("destination_namespace").notNull(),
    namespaceId: integer("namespace_id").references(() => groups.id, { onDelete: "set null" }),
    /** The destination project, once a project entity's `project` pipeline has created it. */
    projectId: integer("project_id").references(() => projects.id, { onDelete: "set null" }),
    status: integer("status").notNull().default(0),
    migrateProjects: boolean("migrate_projects").notNull().default(true),
    migrateMemberships: boolean("migrate_memberships").notNull().default(true),
    hasFailures: boolean("has_failures").notNull().default(false),
    /**
     * The only relations this entity imports (POST /projects/import-relation: one, into an existing project); null:
     * every relation its kind, source and options take.
     */
    onlyRelations: text("only_relations").array(),
    /**
     * Into a project that has records already: a record whose iid the project has is skipped, neither duplicated nor
     * overwritten (GitLab's skip_on_duplicate_iid of a relation import).
     */
    skipExistingIids: boolean("skip_existing_iids").notNull().default(false),
    /**
     * Per relation, what the source said it had against what arrived (GitLab's entity stats), written when the entity
     * finishes: `{ labels: { source: 10, fetched: 10, imported: 10 } }`.
     */
    stats: jsonb("stats").$type<Record<string, { source: number; fetched: number; imported: number }>>().notNull().default({}),
    startedAt: timestamp("started_at", { withTimezone: true }),
    finishedAt: timestamp("finished_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("bulk_import_entities_import_idx").on(t.bulkImportId, t.status),
    // A subgroup is discovered once per import, however often the pipeline that finds it runs.
    uniqueIndex("bulk_import_entities_source_idx").on(t.bulkImportId, t.sourceType, t.sourceFullPath),
    index("bulk_import_entities_source_path_idx").on(t.sourceFullPath),
    index("bulk_import_entities_status_idx").on(t.status, t.updatedAt),
    // Deleting a project clears the entities that created it.
    index("bulk_import_entities_project_idx").on(t.projectId),
  ],
);

export const bulkImportTrackers = pgTable(
  "bulk_import_trackers",
  {
    id: serial("id").primaryKey(),
    entityId: integer("bulk_import_entity_id")
      .notNull()
      .references(() => bulkImportEntities.id, { onDelete: "cascade" }),
    relation: text("relation").notNull(),
    stage: integer("stage").notNull(),
    status: integer("status").notNull().default(0),
    batched: boolean("batched").notNull().default(false),
    sourceObjectsCount: integer("source_objects_count"),
    fetchedObjectsCount: integer("fetched_objects_count").notNull().default(0),
    importedObjectsCount: integer("imported_objects_count").notNull().default(0),
    /** Bad records past the per-relation cap on failure rows: counted (the sum of its batches'), not stored. */
    omittedFailuresCount: integer("omitted_failures_count").notNull().default(0),
    /** Why a tracker was skipped, for the user (e.g. project migration not available yet). */
    message: text("message"),
    startedAt: timestamp("started_at", { withTimezone: true }),
    finishedAt: timestamp("finished_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("bulk_import_trackers_entity_relation_idx").on(t.entityId, t.relation), index("bulk_import_trackers_status_idx").on(t.entityId, t.status, t.stage)],
);

export const bulkImportBatchTrackers = pgTable(
  "bulk_import_batch_trackers",
  {
    id: serial("id").primaryKey(),
    trackerId: integer("tracker_id")
      .notNull()
      .references(() => bulkImportTrackers.id, { onDelete: "cascade" }),
    batchNumber: integer("batch_number").notNull(),
    status: integer("status").notNull().default(0),
    fetchedObjectsCount: integer("fetched_objects_count").notNull().default(0),
    importedObjectsCount: integer("imported_objects_count").notNull().default(0),
    /** This batch's bad records that found the relation's failure rows full (absolute, so a replay counts them once). */
    omittedFailuresCount: integer("omitted_failures_count").notNull().default(0),
    /**
     * The last line of the file whose records are loaded (with the counts above as of it): a long unbatched file
     * resumes after it, after a crash or in the next job, instead of loading everything again.
     */
    checkpointLine: integer("checkpoint_line").notNull().default(0),
    startedAt: timestamp("started_at", { withTimezone: true }),
    finishedAt: timestamp("finished_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("bulk_import_batch_trackers_tracker_batch_idx").on(t.trackerId, t.batchNumber)],
);

export const bulkImportFailures = pgTable(
  "bulk_import_failures",
  {
    id: serial("id").primaryKey(),
    entityId: integer("bulk_import_entity_id")
      .notNull()
      .references(() => bulkImportEntities.id, { onDelete: "cascade" }),
    relation: text("relation").notNull(),
    pipelineClass: text("pipeline_class").notNull(),
    pipelineStep: text("pipeline_step").notNull(),
    exceptionClass: text("exception_class").notNull(),
    exceptionMessage: text("exception_message").notNull(),
    correlationIdValue: text("correlation_id_value"),
    sourceUrl: text("source_url"),
    sourceTitle: text("source_title"),
    subrelation: text("subrelation"),
    /** Where in the export the bad record was (batch 0 when not batched), so a replayed batch records it once. */
    batchNumber: integer("batch_number"),
    lineNumber: integer("line_number"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("bulk_import_failures_entity_idx").on(t.entityId, t.createdAt),
    uniqueIndex("bulk_import_failures_record_idx")
      .on(t.entityId, t.relation, t.batchNumber, t.lineNumber)
      .where(sql`${t.lineNumber} IS NOT NULL`),
  ],
);

/**
 * GitLab's RelationImportTracker: one `POST /projects/import-relation` (a relation of an export archive imported again
 * into an existing project), with GitLab's statuses (created 0, started 1, finished 2, failed 3). It runs as the file
 * import `bulkImportId`, whose status it follows.
 */
export const relationImportTrackers = pgTable(
  "relation_import_trackers",
  {
    id: serial("id").primaryKey(),
    projectId: integer("project_id")
      .notNull()
      .references(() => projects.id, { onDelete: "cascade" }),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    relation: text("relation", { enum: ["issues", "merge_requests", "milestones", "ci_pipelines"] }).notNull(),
    status: integer("status").notNull().default(0),
    bulkImportId: integer("bulk_import_id")
      .unique()
      .references(() => bulkImports.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    // GET /projects/:id/relation-imports, newest first.
    index("relation_import_trackers_project_idx").on(t.projectId, t.id),
    // One relation import at a time per project, however many requests race (GitLab's 409).
    uniqueIndex("relation_import_trackers_running_idx").on(t.projectId).where(sql`${t.status} IN (0, 1)`),
  ],
);
