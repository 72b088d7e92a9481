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
    noteableId: integer("noteable_id").notNull(),
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
    // What deleting a group or a project cascades through.
    ...perOwner(t, (owner) => index(`notes_${owner}_idx`), (owner) => [owner]),
    uniqueIndex("notes_import_key_idx").on(t.importEntityId, t.importKey).where(sql`${t.importKey} IS NOT NULL`),
    oneOwner("notes", t),
  ],
);
