import { sql } from "drizzle-orm";
import { labels } from "@/lib/db";
import { RecordError } from "../errors";
import { optionalString, optionalTimestamp, requiredString, rest } from "./record-fields";
import type { NdjsonPipeline } from "./types";

type LabelRow = typeof labels.$inferInsert;
const COLUMNS = ["title", "color", "description", "created_at", "updated_at"] as const;

export const labelsPipeline: NdjsonPipeline<LabelRow> = {
  kind: "ndjson",
  relation: "labels",
  pipelineClass: "BulkImports::Common::Pipelines::LabelsPipeline",
  stage: 1,
  transform(record, entity, key) {
    const color = optionalString(record, "color") ?? "#6699cc";
    if (!/^#[0-9a-fA-F]{3,8}$/.test(color) && !/^[a-z]+$/i.test(color)) throw new RecordError("Color must be a valid color code");
    return {
      groupId: entity.groupId!,
      title: requiredString(record, "title"),
      color,
      description: optionalString(record, "description"),
      importEntityId: entity.entityId,
      importKey: key,
      sourceAttributes: rest(record, COLUMNS),
      createdAt: optionalTimestamp(record, "created_at"),
      updatedAt: optionalTimestamp(record, "updated_at"),
    };
  },
  async load(tx, rows) {
    await tx
      .insert(labels)
      .values(rows)
      .onConflictDoNothing({ target: [labels.importEntityId, labels.importKey], where: sql`${labels.importKey} IS NOT NULL` });
  },
  titleOf: (record) => (typeof record.title === "string" ? record.title : undefined),
  sourceUrlOf: (_record, entity) => `${entity.sourceUrl}/groups/${entity.sourceFullPath}/-/labels`,
};
