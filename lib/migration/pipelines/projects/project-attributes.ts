import { eq, sql } from "drizzle-orm";
import { projects } from "@/lib/db";
import { MAX_DESCRIPTION_LENGTH, settingsIn } from "@/lib/projects";
import { ownerOf } from "../support/owner";
import type { NdjsonPipeline } from "../support/types";

interface SelfRow {
  projectId: number;
  description: string | null;
  archived: boolean | null;
  settings: Record<string, unknown>;
}

/**
 * Stage 1 (GitLab's ProjectAttributesPipeline): the `self` relation, the project's own attributes. The settings Ferry
 * knows (merge, CI...) are merged into the project's, the description and archived state taken; identity, placement
 * and visibility stay what the project pipeline made them (the destination group caps visibility).
 */
export const projectAttributesPipeline: NdjsonPipeline<SelfRow> = {
  kind: "ndjson",
  relation: "self",
  transform(record, entity) {
    // Only what the record carries: GitLab's defaults for the rest must not overwrite what the project pipeline set.
    const settings = settingsIn(record);
    return {
      projectId: ownerOf(entity).projectId!,
      description: typeof record.description === "string" ? record.description.slice(0, MAX_DESCRIPTION_LENGTH) : null,
      archived: typeof record.archived === "boolean" ? record.archived : null,
      settings,
    };
  },
  // An update, so replaying it changes nothing further.
  async load(tx, rows) {
    for (const row of rows) {
      await tx
        .update(projects)
        .set({
          sourceAttributes: sql`${projects.sourceAttributes} || ${JSON.stringify(row.settings)}::jsonb`,
          ...(row.description !== null ? { description: row.description } : {}),
          ...(row.archived !== null ? { archived: row.archived } : {}),
          updatedAt: new Date(),
        })
        .where(eq(projects.id, row.projectId));
    }
  },
  titleOf: (record) => (typeof record.name === "string" ? record.name : undefined),
};
