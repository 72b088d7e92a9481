import { and, eq, sql } from "drizzle-orm";
import { bulkImportFailures, getDb } from "@/lib/db";
import { getConfig } from "@/lib/config";
import { recordFailure, type FailureInput } from "./record-failure";

type RecordFailure = Omit<FailureInput, "entityId" | "relation" | "pipelineClass" | "batchNumber" | "lineNumber"> & { lineNumber: number };

/** Where a batch's bad records go: failure rows up to the relation's cap, a count past it. */
export interface FailureRecorder {
  record(input: RecordFailure): Promise<void>;
  /** Bad records of this batch that found the relation's rows full: counted, not stored. */
  readonly omitted: number;
}

const f = bulkImportFailures;

/**
 * Stores one record's failure unless the relation already holds `cap` of them. Under a lock per entity and relation,
 * so concurrent batches cannot pass the cap together. A failure already stored (a replayed batch) counts as stored.
 */
async function storeWithinCap(input: FailureInput & { lineNumber: number }, cap: number): Promise<boolean> {
  return getDb().transaction(async (tx) => {
    await tx.execute(sql`SELECT pg_advisory_xact_lock(${input.entityId}, hashtext(${"failures:" + input.relation}))`);
    const sameRelation = and(eq(f.entityId, input.entityId), eq(f.relation, input.relation), sql`${f.lineNumber} IS NOT NULL`);
    const [row] = await tx
      .select({
        stored: sql<number>`(SELECT count(*)::int FROM (SELECT 1 FROM ${f} WHERE ${sameRelation} LIMIT ${cap}) AS capped)`,
        exists: sql<boolean>`EXISTS (SELECT 1 FROM ${f} WHERE ${sameRelation} AND ${f.batchNumber} = ${input.batchNumber ?? 0} AND ${f.lineNumber} = ${input.lineNumber})`,
      })
      .from(sql`(SELECT 1) AS one`);
    if (row?.exists) return true;
    if ((row?.stored ?? 0) >= cap) return false;
    await recordFailure(input, tx);
    return true;
  });
}

/** The lines of this batch already stored as failures: once the cap is reached, what a replay must not count again. */
async function storedLines(base: Pick<FailureInput, "entityId" | "relation">, batchNumber: number): Promise<Set<number>> {
  const rows = await getDb()
    .select({ line: f.lineNumber })
    .from(f)
    .where(and(eq(f.entityId, base.entityId), eq(f.relation, base.relation), eq(f.batchNumber, batchNumber), sql`${f.lineNumber} IS NOT NULL`));
  return new Set(rows.map((r) => r.line!));
}

/**
 * A batch's failure recorder. A flood of bad records (millions of invalid lines) must not become millions of rows:
 * past the cap they are only counted, in memory, and the count is stored with the batch (absolute, replay-safe).
 */
export function cappedFailures(
  base: Pick<FailureInput, "entityId" | "relation" | "pipelineClass">,
  batchNumber: number,
  cap = getConfig().FERRY_IMPORT_MAX_FAILURES_PER_RELATION,
): FailureRecorder {
  let known: Set<number> | undefined;
  let omitted = 0;
  return {
    get omitted() {
      return omitted;
    },
    async record(input) {
      if (known) {
        if (!known.has(input.lineNumber)) omitted += 1;
        return;
      }
      if (await storeWithinCap({ ...base, ...input, batchNumber }, cap)) return;
      known = await storedLines(base, batchNumber);
      omitted += 1;
    },
  };
}
