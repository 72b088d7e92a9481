import { milestones } from "@/lib/db";
import { RecordError } from "../../errors";
import { importColumns, optionalDate, optionalString, requiredString } from "../support/record-fields";
import { insertByImportKey } from "../support/insert-by-import-key";
import { ownerOf } from "../support/owner";
import type { NdjsonPipeline } from "../support/types";
import { sourceWebUrl } from "../support/source-urls";

type MilestoneRow = typeof milestones.$inferInsert;
const COLUMNS = ["iid", "title", "description", "state", "start_date", "due_date", "created_at", "updated_at"] as const;

export const milestonesPipeline: NdjsonPipeline<MilestoneRow> = {
  kind: "ndjson",
  relation: "milestones",
  transform(record, entity, key) {
    const iid = record.iid;
    if (typeof iid !== "number" || !Number.isInteger(iid) || iid < 1) throw new RecordError("iid must be a positive integer");
    const state = optionalString(record, "state") ?? "active";
    if (state !== "active" && state !== "closed") throw new RecordError(`state ${state} is not active or closed`);
    return {
      iid,
      title: requiredString(record, "title"),
      description: optionalString(record, "description"),
      state,
      startDate: optionalDate(record, "start_date"),
      dueDate: optionalDate(record, "due_date"),
      ...importColumns(record, entity.entityId, key, COLUMNS),
      ...ownerOf(entity),
    };
  },
  load: insertByImportKey(milestones),
  iids: { table: milestones, of: (row) => row.iid },
  titleOf: (record) => (typeof record.title === "string" ? record.title : undefined),
  sourceUrlOf: (record, entity) => (typeof record.iid === "number" ? sourceWebUrl(entity, `milestones/${record.iid}`) : undefined),
};
