import type { CollectionRelation, ExportRecord, SingleRelation } from "./relations/support/types";
import { EXPORT_BATCH_SIZE } from "./status";

/** Counts what a stream of NDJSON text carried, once it has been consumed. */
export interface Counted {
  chunks: AsyncIterable<string>;
  count(): number;
}

// One chunk per page of records: gzip and the file see few large writes instead of one per record.
const lines = (records: ExportRecord[]) => records.map((record) => `${JSON.stringify(record)}\n`).join("");

/** Records of the given ids (one batch), as NDJSON. */
export function batchText(relation: CollectionRelation, portableId: number, ids: readonly number[]): Counted {
  let count = 0;
  async function* chunks() {
    for (let start = 0; start < ids.length; start += EXPORT_BATCH_SIZE) {
      const records = await relation.records(portableId, ids.slice(start, start + EXPORT_BATCH_SIZE));
      count += records.length;
      if (records.length) yield lines(records);
    }
  }
  return { chunks: chunks(), count: () => count };
}

/** Every record of a collection, 1000 at a time, as NDJSON: only the ids and one page of records are held. */
export function collectionText(relation: CollectionRelation, portableId: number): Counted {
  let inner: Counted | undefined;
  async function* chunks() {
    inner = batchText(relation, portableId, await relation.ids(portableId));
    yield* inner.chunks;
  }
  return { chunks: chunks(), count: () => inner?.count() ?? 0 };
}

/** `self` is one JSON document without a newline (GitLab's JsonWriter); a has_one relation is one NDJSON line. */
export function singleText(relation: SingleRelation, portableId: number): Counted {
  let count = 0;
  async function* chunks() {
    const record = await relation.record(portableId);
    if (!record) return;
    count = 1;
    yield relation.format === "json" ? JSON.stringify(record) : `${JSON.stringify(record)}\n`;
  }
  return { chunks: chunks(), count: () => count };
}
