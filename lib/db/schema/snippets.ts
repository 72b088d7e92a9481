import { sql } from "drizzle-orm";
import { check, index, integer, pgTable, serial, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import { users } from "./accounts";
import { importKey } from "./import-key";
import { projects } from "./projects";

/**
 * A project's snippets (GitLab's ProjectSnippet). `content` and `file_name` are the legacy single file GitLab still
 * exports; the files themselves live in the snippet's own repository (lib/repositories, `@snippets/...`) when it has
 * one. Notes and award emoji hang from it as from an epic (`noteable_type` / `awardable_type` "Snippet").
 */
export const snippets = pgTable(
  "snippets",
  {
    id: serial("id").primaryKey(),
    projectId: integer("project_id")
      .notNull()
      .references(() => projects.id, { onDelete: "cascade" }),
    authorId: integer("author_id").references(() => users.id, { onDelete: "set null" }),
    title: text("title").notNull(),
    description: text("description"),
    content: text("content").notNull().default(""),
    fileName: text("file_name").notNull().default(""),
    visibilityLevel: integer("visibility_level").notNull().default(0),
    ...importKey(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    // The project's Snippets page and GET /projects/:id/snippets: newest first.
    index("snippets_project_created_idx").on(t.projectId, t.createdAt, t.id),
    // The snippet repository pipeline matches a source node by title and creation time.
    index("snippets_project_title_idx").on(t.projectId, t.title),
    index("snippets_author_idx").on(t.authorId),
    check("snippets_visibility_level", sql`${t.visibilityLevel} IN (0, 10, 20)`),
    uniqueIndex("snippets_import_key_idx").on(t.importEntityId, t.importKey).where(sql`${t.importKey} IS NOT NULL`),
  ],
);
