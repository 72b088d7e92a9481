import { sql } from "drizzle-orm";
import { milestones } from "@/lib/db";
import { RecordError } from "../errors";
import { optionalDate, optionalString, optionalTimestamp, requiredString, rest } from "./record-fields";
import type { NdjsonPipeline } from "./types";

type MilestoneRow = typeof milestones.$inferInsert;
const COLUMNS = ["iid", "title", "description", "state", "start_date", "due_date", "created_at", "updated_at"] as const;

export const milestonesPipeline: NdjsonPipeline<MilestoneRow> = {
  kind: "ndjson",
  relation: "milestones",
  pipelineClass: "BulkImports::Common::Pipelines::MilestonesPipeline",
  stage: 1,
  transform(record, entity, key) {
    const iid = record.iid;
    if (typeof iid !== "number" || !Number.isInteger(iid) || iid < 1) throw new RecordError("iid must be a positive integer");
    const state = optionalString(record, "state") ?? "active";
    if (state !== "active" && state !== "closed") throw new RecordError(`state ${state} is not active or closed`);
    return {
      groupId: entity.groupId!,
      iid,
      title: requiredString(record, "title"),
      description: optionalString(record, "description"),
      state,
      startDate: optionalDate(record, "start_date"),
      dueDate: optionalDate(record, "due_date"),
      importEntityId: entity.entityId,
      importKey: key,
      sourceAttributes: rest(record, COLUMNS),
      createdAt: optionalTimestamp(record, "created_at"),
      updatedAt: optionalTimestamp(record, "updated_at"),
    };
  },
  async load(tx, rows) {
    await tx
      .insert(milestones)
      .values(rows)
      .onConflictDoNothing({ target: [milestones.importEntityId, milestones.importKey], where: sql`${milestones.importKey} IS NOT NULL` });
  },
  titleOf: (record) => (typeof record.title === "string" ? record.title : undefined),
  sourceUrlOf: (record, entity) => (typeof record.iid === "number" ? `${entity.sourceUrl}/groups/${entity.sourceFullPath}/-/milestones/${record.iid}` : undefined),
};
