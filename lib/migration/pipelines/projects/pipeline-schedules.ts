import { pipelineSchedules } from "@/lib/db";
import { nextCronRun } from "@/lib/projects";
import { RecordError } from "../../errors";
import { mapSourceUsers, prepareSourceUsers } from "../../source-users";
import { importColumns, optionalString, optionalTimestamp, requiredString } from "../support/record-fields";
import { insertNew } from "../support/insert-by-import-key";
import { ownerOf, ownerScope } from "../support/owner";
import type { NdjsonPipeline } from "../support/types";

interface ScheduleRow {
  values: typeof pipelineSchedules.$inferInsert;
  /** The source user whose rights the schedule runs with (GitLab exports `owner_id`), if any. */
  sourceOwnerId: number | null;
}

const COLUMNS = ["description", "ref", "cron", "cron_timezone", "next_run_at", "active", "owner_id", "project_id", "created_at", "updated_at"] as const;

/**
 * Stage 5: the project's pipeline schedules (GitLab's PipelineSchedulesPipeline). The owner maps like every other
 * source user (a confirmed email, else a placeholder of the top-level group); a cron or time zone GitLab would refuse
 * fails its schedule alone. Variables and anything else the source sent stay with the record and are exported back.
 */
export const pipelineSchedulesPipeline: NdjsonPipeline<ScheduleRow> = {
  kind: "ndjson",
  relation: "pipeline_schedules",
  transform(record, entity, key) {
    const cron = requiredString(record, "cron");
    const cronTimezone = optionalString(record, "cron_timezone") || "UTC";
    if (nextCronRun(cron, cronTimezone) === null) throw new RecordError(`Cron ${cron} in ${cronTimezone} is invalid syntax`);
    const owner = record.owner_id;
    if (owner !== undefined && owner !== null && (typeof owner !== "number" || !Number.isInteger(owner))) throw new RecordError("owner_id must be an integer");
    const active = record.active;
    if (active !== undefined && active !== null && typeof active !== "boolean") throw new RecordError("active must be true or false");
    return {
      sourceOwnerId: typeof owner === "number" ? owner : null,
      values: {
        projectId: ownerOf(entity).projectId!,
        description: optionalString(record, "description") ?? "",
        ref: optionalString(record, "ref"),
        cron,
        cronTimezone,
        nextRunAt: optionalTimestamp(record, "next_run_at") ?? null,
        active: active ?? true,
        ...importColumns(record, entity.entityId, key, COLUMNS),
      },
    };
  },
  async load(tx, rows, entity) {
    const { groupIds } = await ownerScope(tx, ownerOf(entity));
    const owners = rows.flatMap((row) => (row.sourceOwnerId === null ? [] : [{ id: row.sourceOwnerId }]));
    const mapped = await mapSourceUsers(tx, { sourceUrl: entity.sourceUrl, rootGroupId: groupIds[0]! }, owners);
    await insertNew(
      tx,
      pipelineSchedules,
      rows.map((row) => Object.assign({}, row.values, { ownerId: row.sourceOwnerId === null ? null : (mapped.get(row.sourceOwnerId) ?? null) })),
    );
  },
  prepare: (rows, { entity, client }) => prepareSourceUsers(client, entity, rows.flatMap((row) => (row.sourceOwnerId === null ? [] : [{ id: row.sourceOwnerId }]))),
  titleOf: (record) => (typeof record.description === "string" ? record.description : undefined),
};
