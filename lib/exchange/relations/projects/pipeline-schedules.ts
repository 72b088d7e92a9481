import { asc } from "drizzle-orm";
import { getDb, pipelineSchedules } from "@/lib/db";
import { mergedRecord } from "../support/merged-record";
import { idsOf, iso, ownedIds } from "../support/record-ids";
import type { CollectionRelation } from "../support/types";

/**
 * A pipeline schedule as GitLab's project export writes it (`pipeline_schedules`, `owner_id` included): the owner is
 * this instance's user, whom an importer maps as it maps every user it is told of (see `user_contributions`).
 */
export const pipelineSchedulesRelation: CollectionRelation = {
  kind: "collection",
  name: "pipeline_schedules",
  ids: idsOf(pipelineSchedules, pipelineSchedules.id, pipelineSchedules.projectId),
  async records(projectId, ids) {
    const rows = await getDb()
      .select()
      .from(pipelineSchedules)
      .where(ownedIds(pipelineSchedules.id, pipelineSchedules.projectId, projectId, ids))
      .orderBy(asc(pipelineSchedules.id));
    return rows.map((row) => mergedRecord(row.sourceAttributes, {
      id: row.id,
      description: row.description,
      ref: row.ref,
      cron: row.cron,
      cron_timezone: row.cronTimezone,
      next_run_at: iso(row.nextRunAt),
      project_id: row.projectId,
      owner_id: row.ownerId,
      active: row.active,
      created_at: iso(row.createdAt),
      updated_at: iso(row.updatedAt),
    }));
  },
};
