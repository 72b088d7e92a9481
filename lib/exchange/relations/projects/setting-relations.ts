import { eq } from "drizzle-orm";
import { getDb, projects } from "@/lib/db";
import { featureLevelNumbers } from "@/lib/projects";
import { settingRelationNames } from "@/lib/relations";
import { mergedRecord } from "../support/merged-record";
import type { SingleRelation } from "../support/types";

/**
 * A one-record project relation (`project_feature`, `ci_cd_settings`...) as GitLab exports a has_one: one NDJSON
 * line, the record an import kept (lib/migration's setting relations), none when the project has none. The
 * `project_feature` line always exists and carries the project's feature access levels as they are now (GitLab's
 * integers), over whatever was imported: they may have been changed since.
 */
function settingRelation(name: string): SingleRelation {
  return {
    kind: "single",
    name,
    format: "ndjson",
    async record(projectId) {
      const [project] = await getDb().select({ settingRelations: projects.settingRelations, sourceAttributes: projects.sourceAttributes }).from(projects).where(eq(projects.id, projectId));
      if (!project) return null;
      const kept = project.settingRelations[name];
      if (name === "project_feature") return mergedRecord(kept, featureLevelNumbers(project.sourceAttributes));
      return kept ?? null;
    },
  };
}

/** One exporter per setting relation of the catalog. */
export const settingRelations = settingRelationNames("project").map(settingRelation);
