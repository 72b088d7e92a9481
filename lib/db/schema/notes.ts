import { sql } from "drizzle-orm";
import { boolean, index, integer, jsonb, pgTable, serial, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import { users } from "./accounts";
import { diffFileColumns } from "./diff-file-columns";
import { importKey } from "./import-key";
import { oneOwner, ownerColumns, perOwner } from "./owner";

/**
 * Comments and system notes on anything notable (epics, issues, merge requests, snippets, commits), owned by the group or
 * project of their noteable as GitLab's notes are (`namespace_id` / `project_id`). A merge request's diff notes keep
 * GitLab's positions as they came: they name lines by shas and paths, which stay true because iids, branches and shas do.
 */
export const notes = pgTable(
  "notes",
  {
    id: serial("id").primaryKey(),
    ...ownerColumns(),
    noteableType: text("noteable_type").notNull(),
    /**
     * The noteable's row. A commit is no row: its notes (`noteable_type` "Commit") name it by `commit_id` and keep 0
     * here (GitLab's is NULL), so that every other noteable's id stays NOT NULL.
     */
    noteableId: integer("noteable_id").notNull(),
    /** The commit SHA a "Commit" note is on. */
    commitId: text("commit_id"),
    authorId: integer("author_id").references(() => users.id, { onDelete: "set null" }),
    note: text("note").notNull().default(""),
    system: boolean("system").notNull().default(false),
    /** GitLab's system_note_metadata.action (e.g. "relate_epic"), for the icon of a system note. */
    systemAction: text("system_action"),
    internal: boolean("internal").notNull().default(false),
    discussionId: text("discussion_id"),
    /** GitLab's STI type: null (a note), DiscussionNote, DiffNote, LegacyDiffNote... */
    type: text("type"),
    /** A diff note's place: GitLab's position hash (base/start/head sha, old/new path and line, position_type). */
    position: jsonb("position").$type<Record<string, unknown>>(),
    originalPosition: jsonb("original_position").$type<Record<string, unknown>>(),
    changePosition: jsonb("change_position").$type<Record<string, unknown>>(),
    lineCode: text("line_code"),
    resolvedAt: timestamp("resolved_at", { withTimezone: true }),
    resolvedById: integer("resolved_by_id").references(() => users.id, { onDelete: "set null" }),
    resolvedByPush: boolean("resolved_by_push"),
    ...importKey(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("notes_noteable_idx").on(t.noteableType, t.noteableId, t.createdAt),
    index("notes_author_idx").on(t.authorId),
    index("notes_resolved_by_idx").on(t.resolvedById).where(sql`${t.resolvedById} IS NOT NULL`),
    // A commit's comments (its page, GET .../repository/commits/:sha/comments) and a project's commit notes (their export).
    index("notes_commit_idx").on(t.projectId, t.commitId, t.id).where(sql`${t.commitId} IS NOT NULL`),
    // What deleting a group or a project cascades through.
    ...perOwner(t, (owner) => index(`notes_${owner}_idx`), (owner) => [owner]),
    uniqueIndex("notes_import_key_idx").on(t.importEntityId, t.importKey).where(sql`${t.importKey} IS NOT NULL`),
    oneOwner("notes", t),
  ],
);

/** The piece of diff a diff note was written on (GitLab's note_diff_files), shown above the thread when the diff moved on. */
export const noteDiffFiles = pgTable("note_diff_files", {
  noteId: integer("note_id")
    .primaryKey()
    .references(() => notes.id, { onDelete: "cascade" }),
  diff: text("diff").notNull().default(""),
  ...diffFileColumns(),
});

/** A change proposed in a diff note (GitLab's `suggestions`), in the note's order. */
export const suggestions = pgTable(
  "suggestions",
  {
    noteId: integer("note_id")
      .notNull()
      .references(() => notes.id, { onDelete: "cascade" }),
    relativeOrder: integer("relative_order").notNull(),
    fromContent: text("from_content").notNull().default(""),
    toContent: text("to_content").notNull().default(""),
    applied: boolean("applied").notNull().default(false),
    outdated: boolean("outdated").notNull().default(false),
    commitId: text("commit_id"),
    linesAbove: integer("lines_above").notNull().default(0),
    linesBelow: integer("lines_below").notNull().default(0),
  },
  (t) => [uniqueIndex("suggestions_note_order_idx").on(t.noteId, t.relativeOrder)],
);
