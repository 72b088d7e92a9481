import { sql } from "drizzle-orm";
import { boolean, index, integer, pgTable, serial, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import { users } from "./accounts";
import { importKey } from "./import-key";
import { oneOwner, ownerColumns, perOwner } from "./owner";

/**
 * Comments and system notes on anything notable (epics and snippets now; issues and merge requests share the table later), owned
 * by the group or project of their noteable as GitLab's notes are (`namespace_id` / `project_id`).
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
    ...importKey(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("notes_noteable_idx").on(t.noteableType, t.noteableId, t.createdAt),
    index("notes_author_idx").on(t.authorId),
    // A commit's comments (its page, GET .../repository/commits/:sha/comments) and a project's commit notes (their export).
    index("notes_commit_idx").on(t.projectId, t.commitId, t.id).where(sql`${t.commitId} IS NOT NULL`),
    // What deleting a group or a project cascades through.
    ...perOwner(t, (owner) => index(`notes_${owner}_idx`), (owner) => [owner]),
    uniqueIndex("notes_import_key_idx").on(t.importEntityId, t.importKey).where(sql`${t.importKey} IS NOT NULL`),
    oneOwner("notes", t),
  ],
);
