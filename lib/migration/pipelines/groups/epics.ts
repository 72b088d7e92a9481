import { prepareSourceUsers } from "../../source-users";
import { linkEntityEpics } from "./epics-hierarchy";
import { loadEpics } from "./epics-load";
import { transformEpic, type EpicRow } from "./epics-transform";
import { resolveLabels } from "../support/label-resolution";
import { inOwnerTransaction } from "../support/owner-transaction";
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
  // Authors come as bare source ids: learn their names from the source, and map them, before the chunk's transaction;
  // labels named by title are made there too, so that concurrent chunks never wait on each other.
  async prepare(rows, { entity, client }) {
    await prepareSourceUsers(client, entity, rows.flatMap((row) => row.users));
    await inOwnerTransaction(entity, (tx, scope) => resolveLabels(tx, scope, rows.flatMap((row) => row.labels)));
  },
  titleOf: (record) => (typeof record.title === "string" ? record.title : undefined),
  sourceUrlOf: (record, entity) => (typeof record.iid === "number" ? sourceWebUrl(entity, `epics/${record.iid}`) : undefined),
};
