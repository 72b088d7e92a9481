import { eq } from "drizzle-orm";
import { getDb, projects } from "@/lib/db";
import { FEATURES, LEGACY_FEATURE_FLAGS, projectSettings } from "@/lib/projects";
import { mergedRecord } from "../support/merged-record";
import type { ExportRecord, SingleRelation } from "../support/types";

type Project = typeof projects.$inferSelect;

// Feature levels travel in the `project_feature` relation, not in the project's own row (import_export.yml).
const FEATURE_KEYS = new Set([...FEATURES.map((feature) => `${feature}_access_level`), ...Object.keys(LEGACY_FEATURE_FLAGS)]);
// Where the project is and what it is called come from Ferry's columns, never from kept settings.
const IDENTITY = new Set(["id", "name", "path", "description", "visibility_level", "visibility", "namespace_id", "archived", "default_branch", "topics", "tag_list", "creator_id"]);

/**
 * `self.json` of a project: its own attributes as GitLab exports a project row (`description`, `visibility_level`,
 * `archived`, merge and CI settings...). Ferry keeps what a source sent as the project's settings, so an imported
 * project goes out with them, and GitLab's defaults for the rest; its name, path, description, visibility and id
 * are this instance's.
 */
export function projectSelfRecord(project: Project): ExportRecord {
  // Every setting, GitLab's default where the project has none: what a GitLab project row would hold.
  const kept = Object.fromEntries(Object.entries(projectSettings(project.sourceAttributes)).filter(([key]) => !FEATURE_KEYS.has(key) && !IDENTITY.has(key)));
  return mergedRecord(kept, {
    id: project.id,
    name: project.name,
    path: project.path,
    description: project.description,
    visibility_level: project.visibilityLevel,
    archived: project.archived,
    default_branch: project.defaultBranch,
    topics: project.topics,
  });
}

export const projectSelfRelation: SingleRelation = {
  kind: "single",
  name: "self",
  format: "json",
  async record(projectId) {
    const [project] = await getDb().select().from(projects).where(eq(projects.id, projectId));
    return project ? projectSelfRecord(project) : null;
  },
};
