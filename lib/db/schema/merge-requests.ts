import { sql } from "drizzle-orm";
import { bigint, boolean, type ExtraConfigColumn, index, integer, jsonb, pgTable, primaryKey, serial, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import { users } from "./accounts";
import { labels, milestones } from "./content";
import { diffFileColumns } from "./diff-file-columns";
import { importKey } from "./import-key";
import { projects } from "./projects";

/**
 * A project's merge requests, numbered by `iid` in their target project as on the source (`!7` stays `!7`). A merge
 * request from a fork names its source project only by the source's id: forks are not migrated with it, so
 * `source_project_id` is kept in `source_attributes` and the branch and shas say what was proposed.
 */
export const mergeRequests = pgTable(
  "merge_requests",
  {
    id: serial("id").primaryKey(),
    projectId: integer("project_id")
      .notNull()
      .references(() => projects.id, { onDelete: "cascade" }),
    iid: integer("iid").notNull(),
    title: text("title").notNull(),
    description: text("description"),
    state: text("state", { enum: ["opened", "closed", "merged", "locked"] }).notNull().default("opened"),
    sourceBranch: text("source_branch").notNull(),
    targetBranch: text("target_branch").notNull(),
    /** True when the source branch is in this project (not a fork's). */
    sameProject: boolean("same_project").notNull().default(true),
    authorId: integer("author_id").references(() => users.id, { onDelete: "set null" }),
    updatedById: integer("updated_by_id").references(() => users.id, { onDelete: "set null" }),
    lastEditedById: integer("last_edited_by_id").references(() => users.id, { onDelete: "set null" }),
    mergeUserId: integer("merge_user_id").references(() => users.id, { onDelete: "set null" }),
    milestoneId: integer("milestone_id").references(() => milestones.id, { onDelete: "set null" }),
    mergeStatus: text("merge_status").notNull().default("unchecked"),
    mergeError: text("merge_error"),
    draft: boolean("draft").notNull().default(false),
    squash: boolean("squash").notNull().default(false),
    mergeWhenPipelineSucceeds: boolean("merge_when_pipeline_succeeds").notNull().default(false),
    discussionLocked: boolean("discussion_locked"),
    approvalsBeforeMerge: integer("approvals_before_merge"),
    timeEstimate: integer("time_estimate").notNull().default(0),
    diffHeadSha: text("diff_head_sha"),
    sourceBranchSha: text("source_branch_sha"),
    targetBranchSha: text("target_branch_sha"),
    mergeCommitSha: text("merge_commit_sha"),
    squashCommitSha: text("squash_commit_sha"),
    mergeParams: jsonb("merge_params").$type<Record<string, unknown>>(),
    lastEditedAt: timestamp("last_edited_at", { withTimezone: true }),
    ...importKey(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("merge_requests_project_iid_idx").on(t.projectId, t.iid),
    // GET /projects/:id/merge_requests (and a group's, project by project): by state, newest created or updated first.
    index("merge_requests_project_created_idx").on(t.projectId, t.createdAt, t.id),
    index("merge_requests_project_updated_idx").on(t.projectId, t.updatedAt, t.id),
    index("merge_requests_project_state_created_idx").on(t.projectId, t.state, t.createdAt, t.id),
    index("merge_requests_project_target_branch_idx").on(t.projectId, t.targetBranch),
    // source_branch= of the lists' API.
    index("merge_requests_project_source_branch_idx").on(t.projectId, t.sourceBranch),
    index("merge_requests_milestone_idx").on(t.milestoneId),
    // author_id= filters, placeholder reassignment and contribution counts look merge requests up by each user column.
    index("merge_requests_author_idx").on(t.authorId),
    index("merge_requests_updated_by_idx").on(t.updatedById),
    index("merge_requests_last_edited_by_idx").on(t.lastEditedById),
    index("merge_requests_merge_user_idx").on(t.mergeUserId),
    uniqueIndex("merge_requests_import_key_idx").on(t.importEntityId, t.importKey).where(sql`${t.importKey} IS NOT NULL`),
  ],
);

/** A user on a merge request (an assignee, reviewer or approver): one row per merge request and user. */
const mergeRequestUserColumns = () => ({
  mergeRequestId: integer("merge_request_id")
    .notNull()
    .references(() => mergeRequests.id, { onDelete: "cascade" }),
  userId: integer("user_id")
    .notNull()
    .references(() => users.id, { onDelete: "cascade" }),
});
const createdAt = () => timestamp("created_at", { withTimezone: true }).notNull().defaultNow();
const perMergeRequestUser =
  (name: string) =>
  (t: { mergeRequestId: ExtraConfigColumn; userId: ExtraConfigColumn }) => [primaryKey({ columns: [t.mergeRequestId, t.userId] }), index(`${name}_user_idx`).on(t.userId)];

export const mergeRequestAssignees = pgTable("merge_request_assignees", { ...mergeRequestUserColumns(), createdAt: createdAt() }, perMergeRequestUser("merge_request_assignees"));

/** Reviewers, with GitLab's review `state` (unreviewed, reviewed, requested_changes, approved...). */
export const mergeRequestReviewers = pgTable(
  "merge_request_reviewers",
  { ...mergeRequestUserColumns(), state: text("state").notNull().default("unreviewed"), createdAt: createdAt() },
  perMergeRequestUser("merge_request_reviewers"),
);

/** Who approved a merge request (GitLab's `approvals`). */
export const mergeRequestApprovals = pgTable("merge_request_approvals", { ...mergeRequestUserColumns(), createdAt: createdAt() }, perMergeRequestUser("merge_request_approvals"));

export const mergeRequestLabels = pgTable(
  "merge_request_labels",
  {
    mergeRequestId: integer("merge_request_id")
      .notNull()
      .references(() => mergeRequests.id, { onDelete: "cascade" }),
    labelId: integer("label_id")
      .notNull()
      .references(() => labels.id, { onDelete: "cascade" }),
  },
  (t) => [primaryKey({ columns: [t.mergeRequestId, t.labelId] }), index("merge_request_labels_label_idx").on(t.labelId)],
);

/** When a merge request was merged, closed, first deployed... and by whom (GitLab's merge_request_metrics). */
export const mergeRequestMetrics = pgTable(
  "merge_request_metrics",
  {
    mergeRequestId: integer("merge_request_id")
      .primaryKey()
      .references(() => mergeRequests.id, { onDelete: "cascade" }),
    mergedById: integer("merged_by_id").references(() => users.id, { onDelete: "set null" }),
    latestClosedById: integer("latest_closed_by_id").references(() => users.id, { onDelete: "set null" }),
    mergedAt: timestamp("merged_at", { withTimezone: true }),
    latestClosedAt: timestamp("latest_closed_at", { withTimezone: true }),
    firstDeployedToProductionAt: timestamp("first_deployed_to_production_at", { withTimezone: true }),
    /** latest_build_started_at, first_comment_at, added_lines, removed_lines... as the source sent them. */
    sourceAttributes: jsonb("source_attributes").$type<Record<string, unknown>>().notNull().default({}),
  },
  (t) => [index("merge_request_metrics_merged_by_idx").on(t.mergedById), index("merge_request_metrics_latest_closed_by_idx").on(t.latestClosedById)],
);

/**
 * The diff a merge request was reviewed against: GitLab exports only the latest (`merge_request_diff`), with its
 * commits and files, so that a merge request's Changes survive even when its branches are gone from the repository.
 */
export const mergeRequestDiffs = pgTable(
  "merge_request_diffs",
  {
    id: serial("id").primaryKey(),
    mergeRequestId: integer("merge_request_id")
      .notNull()
      .references(() => mergeRequests.id, { onDelete: "cascade" }),
    state: text("state"),
    baseCommitSha: text("base_commit_sha"),
    headCommitSha: text("head_commit_sha"),
    startCommitSha: text("start_commit_sha"),
    /** GitLab's real_size: a count of files, "100+" when it stopped counting. */
    realSize: text("real_size"),
    commitsCount: integer("commits_count").notNull().default(0),
    filesCount: integer("files_count").notNull().default(0),
    sourceAttributes: jsonb("source_attributes").$type<Record<string, unknown>>().notNull().default({}),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("merge_request_diffs_merge_request_idx").on(t.mergeRequestId)],
);

/** The commits of a merge request's diff, in GitLab's `relative_order` (0 is the newest). */
export const mergeRequestDiffCommits = pgTable(
  "merge_request_diff_commits",
  {
    mergeRequestDiffId: integer("merge_request_diff_id")
      .notNull()
      .references(() => mergeRequestDiffs.id, { onDelete: "cascade" }),
    relativeOrder: integer("relative_order").notNull(),
    sha: text("sha").notNull(),
    message: text("message"),
    authorName: text("author_name"),
    authorEmail: text("author_email"),
    authoredDate: timestamp("authored_date", { withTimezone: true }),
    committerName: text("committer_name"),
    committerEmail: text("committer_email"),
    committedDate: timestamp("committed_date", { withTimezone: true }),
  },
  (t) => [primaryKey({ columns: [t.mergeRequestDiffId, t.relativeOrder] })],
);

/** The files of a merge request's diff, each with its unified diff text (`utf8_diff` in the export). */
export const mergeRequestDiffFiles = pgTable(
  "merge_request_diff_files",
  {
    mergeRequestDiffId: integer("merge_request_diff_id")
      .notNull()
      .references(() => mergeRequestDiffs.id, { onDelete: "cascade" }),
    relativeOrder: integer("relative_order").notNull(),
    ...diffFileColumns(),
    tooLarge: boolean("too_large").notNull().default(false),
    binary: boolean("binary").notNull().default(false),
    generated: boolean("generated").notNull().default(false),
    diff: text("diff").notNull().default(""),
    /** Bytes of `diff`, so that a page can collapse a large file without reading it. */
    diffSize: bigint("diff_size", { mode: "number" }).notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.mergeRequestDiffId, t.relativeOrder] })],
);
