import { sql } from "drizzle-orm";
import { index, integer, jsonb, pgTable, serial, smallint, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import { users } from "./accounts";
import { importKey } from "./import-key";
import { issues } from "./issues";
import { projects } from "./projects";

/**
 * A design of an issue (GitLab's `DesignManagement::Design`): a file of the project's design repository, named once
 * per issue. A design deleted in a later version stays a row, as on GitLab: its versions and notes still name it.
 */
export const designs = pgTable(
  "designs",
  {
    id: serial("id").primaryKey(),
    projectId: integer("project_id")
      .notNull()
      .references(() => projects.id, { onDelete: "cascade" }),
    issueId: integer("issue_id")
      .notNull()
      .references(() => issues.id, { onDelete: "cascade" }),
    /** Numbered in the project as on the source; older exports have none. */
    iid: integer("iid"),
    filename: text("filename").notNull(),
    relativePosition: integer("relative_position"),
    ...importKey(),
  },
  (t) => [
    // An issue's designs (its page, its export) in filename order, and GitLab's rule: one design per file name.
    uniqueIndex("designs_issue_filename_idx").on(t.issueId, t.filename),
    index("designs_project_iid_idx").on(t.projectId, t.iid),
    uniqueIndex("designs_import_key_idx").on(t.importEntityId, t.importKey).where(sql`${t.importKey} IS NOT NULL`),
  ],
);

/** A version of an issue's designs (GitLab's `DesignManagement::Version`): one commit of the design repository. */
export const designVersions = pgTable(
  "design_versions",
  {
    id: serial("id").primaryKey(),
    issueId: integer("issue_id")
      .notNull()
      .references(() => issues.id, { onDelete: "cascade" }),
    sha: text("sha").notNull(),
    authorId: integer("author_id").references(() => users.id, { onDelete: "set null" }),
    ...importKey(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("design_versions_issue_sha_idx").on(t.issueId, t.sha),
    // Placeholder reassignment and contribution counts look versions up by author.
    index("design_versions_author_idx").on(t.authorId),
    uniqueIndex("design_versions_import_key_idx").on(t.importEntityId, t.importKey).where(sql`${t.importKey} IS NOT NULL`),
  ],
);

/** GitLab's `DesignManagement::Action` events, by their enum values. */
export const DESIGN_EVENTS = ["creation", "modification", "deletion"] as const;

/** What a version did to a design (GitLab's `design_management_designs_versions`): `event` 0 creation, 1 modification, 2 deletion. */
export const designActions = pgTable(
  "design_actions",
  {
    id: serial("id").primaryKey(),
    designId: integer("design_id")
      .notNull()
      .references(() => designs.id, { onDelete: "cascade" }),
    versionId: integer("version_id")
      .notNull()
      .references(() => designVersions.id, { onDelete: "cascade" }),
    event: smallint("event").notNull().default(0),
    /** The path of the small preview GitLab made of the image, when the export names one. */
    imageV432x230: text("image_v432x230"),
    sourceAttributes: jsonb("source_attributes").$type<Record<string, unknown>>().notNull().default({}),
  },
  (t) => [
    uniqueIndex("design_actions_version_design_idx").on(t.versionId, t.designId),
    // A design's versions (its version count and latest date on the issue page).
    index("design_actions_design_idx").on(t.designId),
  ],
);
