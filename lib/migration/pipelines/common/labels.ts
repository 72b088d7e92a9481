import { labels } from "@/lib/db";
import { RecordError } from "../../errors";
import { importColumns, optionalString, requiredString } from "../support/record-fields";
import { insertByImportKey } from "../support/insert-by-import-key";
import { ownerOf } from "../support/owner";
import type { NdjsonPipeline } from "../support/types";
import { sourceWebUrl } from "../support/source-urls";

type LabelRow = typeof labels.$inferInsert;
const COLUMNS = ["title", "color", "description", "created_at", "updated_at"] as const;

export const labelsPipeline: NdjsonPipeline<LabelRow> = {
  kind: "ndjson",
  relation: "labels",
  transform(record, entity, key) {
    const color = optionalString(record, "color") ?? "#6699cc";
    if (!/^#[0-9a-fA-F]{3,8}$/.test(color) && !/^[a-z]+$/i.test(color)) throw new RecordError("Color must be a valid color code");
    return {
      title: requiredString(record, "title"),
      color,
      description: optionalString(record, "description"),
      ...importColumns(record, entity.entityId, key, COLUMNS),
      ...ownerOf(entity),
    };
  },
  load: insertByImportKey(labels),
  titleOf: (record) => (typeof record.title === "string" ? record.title : undefined),
  sourceUrlOf: (_record, entity) => sourceWebUrl(entity, "labels"),
};
