import { sql } from "drizzle-orm";
import { boolean, check, date, index, integer, jsonb, pgTable, primaryKey, serial, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import { users } from "./accounts";
import { labels, milestones } from "./content";
import { epics } from "./epics";
import { importKey } from "./import-key";
import { iterations } from "./iterations";
import { mergeRequests } from "./merge-requests";
import { projects } from "./projects";

/**
 * A project's issues (GitLab's `issues`, work items of the issue kinds): numbered by `iid` in their project, as on the
 * source. What has no column (sentry_issue, issuable_sla, work_item_description, resource_iteration_events...)
 * stays in `source_attributes`, and goes out again as it came.
 */
export const issues = pgTable(
  "issues",
  {
    id: serial("id").primaryKey(),
    projectId: integer("project_id")
      .notNull()
      .references(() => projects.id, { onDelete: "cascade" }),
    iid: integer("iid").notNull(),
    title: text("title").notNull(),
    description: text("description"),
    state: text("state", { enum: ["opened", "closed"] }).notNull().default("opened"),
    confidential: boolean("confidential").notNull().default(false),
    authorId: integer("author_id").references(() => users.id, { onDelete: "set null" }),
    closedById: integer("closed_by_id").references(() => users.id, { onDelete: "set null" }),
    updatedById: integer("updated_by_id").references(() => users.id, { onDelete: "set null" }),
    lastEditedById: integer("last_edited_by_id").references(() => users.id, { onDelete: "set null" }),
    milestoneId: integer("milestone_id").references(() => milestones.id, { onDelete: "set null" }),
    iterationId: integer("iteration_id").references(() => iterations.id, { onDelete: "set null" }),
    weight: integer("weight"),
    dueDate: date("due_date"),
    discussionLocked: boolean("discussion_locked"),
    timeEstimate: integer("time_estimate").notNull().default(0),
    relativePosition: integer("relative_position"),
    /** GitLab's work item type base type: issue, incident, task, test_case, requirement... */
    workItemType: text("work_item_type").notNull().default("issue"),
    healthStatus: text("health_status"),
    closedAt: timestamp("closed_at", { withTimezone: true }),
    lastEditedAt: timestamp("last_edited_at", { withTimezone: true }),
    ...importKey(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("issues_project_iid_idx").on(t.projectId, t.iid),
    // GET /projects/:id/issues (and a group's, project by project): by state, newest created or updated first.
    index("issues_project_created_idx").on(t.projectId, t.createdAt, t.id),
    index("issues_project_updated_idx").on(t.projectId, t.updatedAt, t.id),
    index("issues_project_state_created_idx").on(t.projectId, t.state, t.createdAt, t.id),
    index("issues_milestone_idx").on(t.milestoneId),
    index("issues_iteration_idx").on(t.iterationId),
    // author_id= filters, placeholder reassignment and contribution counts look issues up by each user column.
    index("issues_author_idx").on(t.authorId),
    index("issues_closed_by_idx").on(t.closedById),
    index("issues_updated_by_idx").on(t.updatedById),
    index("issues_last_edited_by_idx").on(t.lastEditedById),
    uniqueIndex("issues_import_key_idx").on(t.importEntityId, t.importKey).where(sql`${t.importKey} IS NOT NULL`),
  ],
);

export const issueAssignees = pgTable(
  "issue_assignees",
  {
    issueId: integer("issue_id")
      .notNull()
      .references(() => issues.id, { onDelete: "cascade" }),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
  },
  (t) => [primaryKey({ columns: [t.issueId, t.userId] }), index("issue_assignees_user_idx").on(t.userId)],
);

export const issueLabels = pgTable(
  "issue_labels",
  {
    issueId: integer("issue_id")
      .notNull()
      .references(() => issues.id, { onDelete: "cascade" }),
    labelId: integer("label_id")
      .notNull()
      .references(() => labels.id, { onDelete: "cascade" }),
  },
  (t) => [primaryKey({ columns: [t.issueId, t.labelId] }), index("issue_labels_label_idx").on(t.labelId)],
);

/** An issue in an epic of its project's group hierarchy (GitLab EE's `epic_issues`): one epic per issue. */
export const epicIssues = pgTable(
  "epic_issues",
  {
    issueId: integer("issue_id")
      .primaryKey()
      .references(() => issues.id, { onDelete: "cascade" }),
    epicId: integer("epic_id")
      .notNull()
      .references(() => epics.id, { onDelete: "cascade" }),
    relativePosition: integer("relative_position"),
    sourceAttributes: jsonb("source_attributes").$type<Record<string, unknown>>().notNull().default({}),
  },
  (t) => [index("epic_issues_epic_idx").on(t.epicId, t.relativePosition)],
);

/** Time spent on an issue or a merge request, exactly one of them (GitLab's `timelogs`), in seconds. */
export const timelogs = pgTable(
  "timelogs",
  {
    id: serial("id").primaryKey(),
    issueId: integer("issue_id").references(() => issues.id, { onDelete: "cascade" }),
    mergeRequestId: integer("merge_request_id").references(() => mergeRequests.id, { onDelete: "cascade" }),
    userId: integer("user_id").references(() => users.id, { onDelete: "set null" }),
    timeSpent: integer("time_spent").notNull(),
    spentAt: timestamp("spent_at", { withTimezone: true }),
    summary: text("summary"),
    sourceAttributes: jsonb("source_attributes").$type<Record<string, unknown>>().notNull().default({}),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check("timelogs_one_target", sql`num_nonnulls(${t.issueId}, ${t.mergeRequestId}) = 1`),
    index("timelogs_issue_idx").on(t.issueId).where(sql`${t.issueId} IS NOT NULL`),
    index("timelogs_merge_request_idx").on(t.mergeRequestId).where(sql`${t.mergeRequestId} IS NOT NULL`),
    index("timelogs_user_idx").on(t.userId),
  ],
);

/** Zoom meetings linked to an issue (GitLab's `zoom_meetings`; `issue_status` 1 added, 2 removed). */
export const zoomMeetings = pgTable(
  "zoom_meetings",
  {
    id: serial("id").primaryKey(),
    issueId: integer("issue_id")
      .notNull()
      .references(() => issues.id, { onDelete: "cascade" }),
    url: text("url").notNull(),
    issueStatus: integer("issue_status").notNull().default(1),
    sourceAttributes: jsonb("source_attributes").$type<Record<string, unknown>>().notNull().default({}),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("zoom_meetings_issue_idx").on(t.issueId)],
);
