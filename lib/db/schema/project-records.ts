import { sql } from "drizzle-orm";
import { boolean, index, integer, pgTable, serial, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import { users } from "./accounts";
import { importKey } from "./import-key";
import { projects } from "./projects";

/**
 * GitLab's `ci_pipeline_schedules`: a cron that runs a pipeline on a ref, owned by the user whose rights it runs with
 * (a mapped user or a placeholder after an import; none when that user is gone). Variables and anything else the
 * source sent stay in `source_attributes`.
 */
export const pipelineSchedules = pgTable(
  "ci_pipeline_schedules",
  {
    id: serial("id").primaryKey(),
    projectId: integer("project_id")
      .notNull()
      .references(() => projects.id, { onDelete: "cascade" }),
    description: text("description").notNull().default(""),
    ref: text("ref"),
    cron: text("cron").notNull(),
    cronTimezone: text("cron_timezone").notNull().default("UTC"),
    nextRunAt: timestamp("next_run_at", { withTimezone: true }),
    active: boolean("active").notNull().default(true),
    ownerId: integer("owner_id").references(() => users.id, { onDelete: "set null" }),
    ...importKey(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    // The schedules page and GET /projects/:id/pipeline_schedules: a project's, by id.
    index("ci_pipeline_schedules_project_idx").on(t.projectId, t.id),
    index("ci_pipeline_schedules_owner_idx").on(t.ownerId),
    uniqueIndex("ci_pipeline_schedules_import_key_idx").on(t.importEntityId, t.importKey).where(sql`${t.importKey} IS NOT NULL`),
  ],
);

/** GitLab's `external_pull_requests`: pull requests of a GitHub mirror that CI ran pipelines for. */
export const externalPullRequests = pgTable(
  "external_pull_requests",
  {
    id: serial("id").primaryKey(),
    projectId: integer("project_id")
      .notNull()
      .references(() => projects.id, { onDelete: "cascade" }),
    pullRequestIid: integer("pull_request_iid").notNull(),
    status: text("status", { enum: ["open", "closed"] }).notNull(),
    sourceBranch: text("source_branch").notNull(),
    targetBranch: text("target_branch").notNull(),
    sourceRepository: text("source_repository").notNull(),
    targetRepository: text("target_repository").notNull(),
    sourceSha: text("source_sha").notNull(),
    targetSha: text("target_sha").notNull(),
    ...importKey(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    // GitLab's index_external_pull_requests_on_project_and_branches: one row per pull request and branch pair.
    uniqueIndex("external_pull_requests_project_branches_idx").on(t.projectId, t.sourceBranch, t.targetBranch),
    uniqueIndex("external_pull_requests_import_key_idx").on(t.importEntityId, t.importKey).where(sql`${t.importKey} IS NOT NULL`),
  ],
);

/** GitLab's `project_custom_attributes`: key/value pairs that only administrators see, one value per key. */
export const projectCustomAttributes = pgTable(
  "project_custom_attributes",
  {
    id: serial("id").primaryKey(),
    projectId: integer("project_id")
      .notNull()
      .references(() => projects.id, { onDelete: "cascade" }),
    key: text("key").notNull(),
    value: text("value").notNull(),
    ...importKey(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("project_custom_attributes_project_key_idx").on(t.projectId, t.key),
    uniqueIndex("project_custom_attributes_import_key_idx").on(t.importEntityId, t.importKey).where(sql`${t.importKey} IS NOT NULL`),
  ],
);
