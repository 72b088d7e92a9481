import { eq, sql } from "drizzle-orm";
import { projects } from "@/lib/db";
import { settingsIn } from "@/lib/projects";
import { settingRelationNames } from "@/lib/relations";
import { ownerOf } from "../support/owner";
import type { NdjsonPipeline } from "../support/types";

interface SettingRow {
  projectId: number;
  record: Record<string, unknown>;
  settings: Record<string, unknown>;
}

// Ids of the source's rows, which name nothing here.
const IDENTITY = new Set(["id", "project_id"]);

/**
 * A one-record project relation (GitLab's has_one: `project_feature`, `ci_cd_settings`, `container_expiration_policy`,
 * `service_desk_setting`, `auto_devops`, `error_tracking_setting`, `push_rule`): the record is kept whole in the
 * project's `setting_relations`, so nothing is lost and Ferry exports it back, and the settings Ferry acts on (the
 * feature access levels of `project_feature`) are taken into the project's settings. An update: a replay changes
 * nothing further.
 */
function settingRelationPipeline(relation: string): NdjsonPipeline<SettingRow> {
  return {
    kind: "ndjson",
    relation,
    transform(record, entity) {
      const kept = Object.fromEntries(Object.entries(record).filter(([key]) => !IDENTITY.has(key)));
      return { projectId: ownerOf(entity).projectId!, record: kept, settings: settingsIn(record) };
    },
    async load(tx, rows) {
      for (const row of rows) {
        await tx
          .update(projects)
          .set({
            settingRelations: sql`${projects.settingRelations} || jsonb_build_object(${relation}::text, ${JSON.stringify(row.record)}::jsonb)`,
            sourceAttributes: sql`${projects.sourceAttributes} || ${JSON.stringify(row.settings)}::jsonb`,
            updatedAt: new Date(),
          })
          .where(eq(projects.id, row.projectId));
      }
    },
  };
}

/** One pipeline per setting relation of the catalog. */
export const settingRelationPipelines = settingRelationNames("project").map(settingRelationPipeline);
