import { projectCustomAttributes } from "@/lib/db";
import { importColumns, requiredString } from "../support/record-fields";
import { insertByImportKey } from "../support/insert-by-import-key";
import { ownerOf } from "../support/owner";
import type { NdjsonPipeline } from "../support/types";

type CustomAttributeRow = typeof projectCustomAttributes.$inferInsert;
const COLUMNS = ["key", "value", "project_id", "created_at", "updated_at"] as const;

/** Stage 4: the project's custom attributes (key and value, one value per key), which only administrators see. */
export const customAttributesPipeline: NdjsonPipeline<CustomAttributeRow> = {
  kind: "ndjson",
  relation: "custom_attributes",
  transform(record, entity, key) {
    return {
      projectId: ownerOf(entity).projectId!,
      key: requiredString(record, "key"),
      value: requiredString(record, "value", 1024 * 1024),
      ...importColumns(record, entity.entityId, key, COLUMNS),
    };
  },
  load: insertByImportKey(projectCustomAttributes),
  titleOf: (record) => (typeof record.key === "string" ? record.key : undefined),
};
