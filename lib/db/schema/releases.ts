import { sql } from "drizzle-orm";
import { index, integer, jsonb, pgTable, primaryKey, serial, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import { users } from "./accounts";
import { milestones } from "./content";
import { importKey } from "./import-key";
import { projects } from "./projects";

/** A project's releases, one per tag (GitLab's `releases`: the tag is unique in its project). */
export const releases = pgTable(
  "releases",
  {
    id: serial("id").primaryKey(),
    projectId: integer("project_id")
      .notNull()
      .references(() => projects.id, { onDelete: "cascade" }),
    tagName: text("tag_name").notNull(),
    name: text("name"),
    description: text("description"),
    /** The commit the tag pointed at when the release was made (GitLab's `sha`). */
    sha: text("sha"),
    authorId: integer("author_id").references(() => users.id, { onDelete: "set null" }),
    releasedAt: timestamp("released_at", { withTimezone: true }).notNull().defaultNow(),
    ...importKey(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("releases_project_tag_idx").on(t.projectId, t.tagName),
    // The releases page and GET /projects/:id/releases: newest released first.
    index("releases_project_released_idx").on(t.projectId, t.releasedAt, t.id),
    uniqueIndex("releases_import_key_idx").on(t.importEntityId, t.importKey).where(sql`${t.importKey} IS NOT NULL`),
  ],
);

/** A release's asset links (GitLab's `release_links`: name and URL each unique in their release). */
export const releaseLinks = pgTable(
  "release_links",
  {
    id: serial("id").primaryKey(),
    releaseId: integer("release_id")
      .notNull()
      .references(() => releases.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    url: text("url").notNull(),
    filepath: text("filepath"),
    linkType: text("link_type").notNull().default("other"),
    sourceAttributes: jsonb("source_attributes").$type<Record<string, unknown>>().notNull().default({}),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("release_links_release_name_idx").on(t.releaseId, t.name), uniqueIndex("release_links_release_url_idx").on(t.releaseId, t.url)],
);

/** The milestones a release is associated with (GitLab's `milestone_releases`). */
export const milestoneReleases = pgTable(
  "milestone_releases",
  {
    releaseId: integer("release_id")
      .notNull()
      .references(() => releases.id, { onDelete: "cascade" }),
    milestoneId: integer("milestone_id")
      .notNull()
      .references(() => milestones.id, { onDelete: "cascade" }),
  },
  (t) => [primaryKey({ columns: [t.releaseId, t.milestoneId] }), index("milestone_releases_milestone_idx").on(t.milestoneId)],
);
