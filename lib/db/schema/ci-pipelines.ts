import { sql } from "drizzle-orm";
import { boolean, doublePrecision, index, integer, jsonb, pgTable, serial, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import { users } from "./accounts";
import { importKey } from "./import-key";
import { externalPullRequests } from "./project-records";
import { projects } from "./projects";

/**
 * GitLab's CI statuses (HasStatus::STATUSES_ENUM), in the order of the numbers its `ci_stages.status` stores: an
 * export gives a stage's status as that number, a pipeline's and a job's by name.
 */
export const CI_STATUSES = [
  "created", "pending", "running", "success", "failed", "canceled", "skipped", "manual", "scheduled", "preparing", "waiting_for_resource", "waiting_for_callback", "canceling",
] as const;
export type CiStatus = (typeof CI_STATUSES)[number];

/**
 * GitLab's `ci_pipelines`, as its export carries them: Ferry runs no CI, so a pipeline is the record of one that ran
 * on the source. Its merge request is kept as the source's iid until merge requests are imported; the pipeline's
 * `pipeline_metadata.name` is `name`. Traces and artifacts are not exported by GitLab, so never here.
 */
export const ciPipelines = pgTable(
  "ci_pipelines",
  {
    id: serial("id").primaryKey(),
    projectId: integer("project_id")
      .notNull()
      .references(() => projects.id, { onDelete: "cascade" }),
    /** GitLab leaves the iid of a pipeline imported without one empty; so does Ferry. */
    iid: integer("iid"),
    ref: text("ref"),
    sha: text("sha").notNull(),
    beforeSha: text("before_sha"),
    tag: boolean("tag").notNull().default(false),
    source: text("source"),
    status: text("status").notNull(),
    yamlErrors: text("yaml_errors"),
    /** Seconds, as GitLab stores it. */
    duration: integer("duration"),
    startedAt: timestamp("started_at", { withTimezone: true }),
    finishedAt: timestamp("finished_at", { withTimezone: true }),
    committedAt: timestamp("committed_at", { withTimezone: true }),
    userId: integer("user_id").references(() => users.id, { onDelete: "set null" }),
    protected: boolean("protected").notNull().default(false),
    /** The source merge request's iid (a `merge_request_event` pipeline), for when merge requests are imported. */
    mergeRequestIid: integer("merge_request_iid"),
    externalPullRequestId: integer("external_pull_request_id").references(() => externalPullRequests.id, { onDelete: "set null" }),
    /** `pipeline_metadata.name` (the workflow's name). */
    name: text("name"),
    ...importKey(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    // The pipelines page and GET /projects/:id/pipelines: a project's, newest id first, optionally by status, ref or sha.
    index("ci_pipelines_project_idx").on(t.projectId, t.id),
    index("ci_pipelines_project_status_idx").on(t.projectId, t.status, t.id),
    index("ci_pipelines_project_ref_idx").on(t.projectId, t.ref, t.id),
    index("ci_pipelines_project_sha_idx").on(t.projectId, t.sha),
    // A merge request's Pipelines tab and GET .../merge_requests/:iid/pipelines.
    index("ci_pipelines_project_merge_request_idx").on(t.projectId, t.mergeRequestIid, t.id).where(sql`${t.mergeRequestIid} IS NOT NULL`),
    uniqueIndex("ci_pipelines_project_iid_idx").on(t.projectId, t.iid).where(sql`${t.iid} IS NOT NULL`),
    index("ci_pipelines_user_idx").on(t.userId),
    index("ci_pipelines_external_pull_request_idx").on(t.externalPullRequestId),
    uniqueIndex("ci_pipelines_import_key_idx").on(t.importEntityId, t.importKey).where(sql`${t.importKey} IS NOT NULL`),
  ],
);

/** GitLab's `ci_stages`: a pipeline's stages, in `position` order; `status` by name (the export gives its enum number). */
export const ciStages = pgTable(
  "ci_stages",
  {
    id: serial("id").primaryKey(),
    projectId: integer("project_id")
      .notNull()
      .references(() => projects.id, { onDelete: "cascade" }),
    pipelineId: integer("pipeline_id")
      .notNull()
      .references(() => ciPipelines.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    position: integer("position"),
    status: text("status"),
    ...importKey(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("ci_stages_pipeline_idx").on(t.pipelineId, t.position, t.id),
    index("ci_stages_project_idx").on(t.projectId),
    uniqueIndex("ci_stages_import_key_idx").on(t.importEntityId, t.importKey).where(sql`${t.importKey} IS NOT NULL`),
  ],
);

export const CI_BUILD_TYPES = ["Ci::Build", "GenericCommitStatus", "Ci::Bridge"] as const;
export type CiBuildType = (typeof CI_BUILD_TYPES)[number];

/**
 * GitLab's `ci_builds` (its `p_ci_builds`): the jobs of a stage, one table for the three kinds GitLab keeps there:
 * jobs (`Ci::Build`), external statuses (`GenericCommitStatus`) and trigger jobs (`Ci::Bridge`). Configuration the
 * pages do not query (`options`, `yaml_variables`...) is `options` and `source_attributes`.
 */
export const ciBuilds = pgTable(
  "ci_builds",
  {
    id: serial("id").primaryKey(),
    projectId: integer("project_id")
      .notNull()
      .references(() => projects.id, { onDelete: "cascade" }),
    pipelineId: integer("pipeline_id")
      .notNull()
      .references(() => ciPipelines.id, { onDelete: "cascade" }),
    stageId: integer("stage_id").references(() => ciStages.id, { onDelete: "cascade" }),
    type: text("type", { enum: CI_BUILD_TYPES }).notNull(),
    name: text("name").notNull(),
    status: text("status").notNull(),
    /** The stage's name as the job gives it (`stage`), and its index (`stage_idx`). */
    stage: text("stage"),
    stageIdx: integer("stage_idx"),
    ref: text("ref"),
    tag: boolean("tag").notNull().default(false),
    when: text("when"),
    allowFailure: boolean("allow_failure").notNull().default(false),
    coverage: doublePrecision("coverage"),
    startedAt: timestamp("started_at", { withTimezone: true }),
    finishedAt: timestamp("finished_at", { withTimezone: true }),
    queuedAt: timestamp("queued_at", { withTimezone: true }),
    /** Seconds; GitLab's is computed from started and finished, and may come in the record. */
    duration: doublePrecision("duration"),
    userId: integer("user_id").references(() => users.id, { onDelete: "set null" }),
    description: text("description"),
    targetUrl: text("target_url"),
    options: jsonb("options").$type<Record<string, unknown>>(),
    ...importKey(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    // A pipeline's jobs (its page, /pipelines/:id/jobs and /bridges); a project's jobs (/projects/:id/jobs), newest first.
    index("ci_builds_pipeline_idx").on(t.pipelineId, t.type, t.id),
    index("ci_builds_project_idx").on(t.projectId, t.type, t.id),
    index("ci_builds_stage_idx").on(t.stageId),
    index("ci_builds_user_idx").on(t.userId),
    uniqueIndex("ci_builds_import_key_idx").on(t.importEntityId, t.importKey).where(sql`${t.importKey} IS NOT NULL`),
  ],
);
