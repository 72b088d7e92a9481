import { prepareSourceUsers } from "../../source-users";
import { linkEntityEpics } from "./epics-hierarchy";
import { loadEpics } from "./epics-load";
import { transformEpic, type EpicRow } from "./epics-transform";
import type { NdjsonPipeline } from "../support/types";
import { sourceWebUrl } from "../support/source-urls";

/**
 * Stage 2, enterprise sources only: the group's epics from the `epics` export, each with its labels, award emoji,
 * notes (and theirs), events and state events, the users they name mapped to accounts or placeholders, and the
 * parent/child hierarchy rebuilt whatever order the records come in (see epics-hierarchy.ts).
 */
export const epicsPipeline: NdjsonPipeline<EpicRow> = {
  kind: "ndjson",
  relation: "epics",
  transform: transformEpic,
  load: loadEpics,
  finish: (tx, entity) => linkEntityEpics(tx, entity.entityId, entity.bulkImportId),
  // Authors come as bare source ids: learn their names from the source before the chunk's transaction.
  prepare: (rows, { entity, client }) => prepareSourceUsers(client, entity, rows.flatMap((row) => row.users)),
  titleOf: (record) => (typeof record.title === "string" ? record.title : undefined),
  sourceUrlOf: (record, entity) => (typeof record.iid === "number" ? sourceWebUrl(entity, `epics/${record.iid}`) : undefined),
};
