import { sql } from "drizzle-orm";
import { bigint, bigserial, index, integer, pgTable, serial, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import { users } from "./accounts";
import { oneOwner, ownerColumns } from "./owner";

/**
 * A file-based export of a group (or a project) for the user who asked (GitLab's import_export_upload with its
 * export file): one archive per portable and user, a new request replacing the previous one. `runId` changes with
 * every request, so that the job of a replaced request stops without writing.
 */
export const fileExports = pgTable(
  "file_exports",
  {
    id: serial("id").primaryKey(),
    ...ownerColumns(),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    status: text("status", { enum: ["queued", "started", "finished", "failed"] }).notNull().default("queued"),
    runId: text("run_id").notNull(),
    /** The archive, relative to the exports directory, once written. */
    filePath: text("file_path"),
    /** The name the download gives it: `<time>_<full path>_export.tar.gz`, as GitLab's. */
    fileName: text("file_name"),
    fileSize: bigint("file_size", { mode: "number" }),
    error: text("error"),
    startedAt: timestamp("started_at", { withTimezone: true }),
    finishedAt: timestamp("finished_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("file_exports_group_user_idx").on(t.groupId, t.userId).where(sql`${t.groupId} IS NOT NULL`),
    uniqueIndex("file_exports_project_user_idx").on(t.projectId, t.userId).where(sql`${t.projectId} IS NOT NULL`),
    // The sweep of expired archives.
    index("file_exports_finished_idx").on(t.finishedAt),
    oneOwner("file_exports", t),
  ],
);

/**
 * One use of a rate-limited action (a file export, import or download), GitLab's ApplicationRateLimiter: counted per
 * action and scope (the user, or the user and the group) over the last minute, and swept by housekeeping.
 */
export const rateLimitHits = pgTable(
  "rate_limit_hits",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    action: text("action").notNull(),
    scope: text("scope").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("rate_limit_hits_action_scope_idx").on(t.action, t.scope, t.createdAt), index("rate_limit_hits_created_idx").on(t.createdAt)],
);
