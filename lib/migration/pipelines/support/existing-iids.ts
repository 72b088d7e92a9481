import { and, eq, inArray, isNull, ne, or } from "drizzle-orm";
import type { Tx } from "@/lib/db";
import type { EntityContext, NdjsonPipeline } from "./types";

/**
 * A relation import's rule (GitLab's RelationTreeRestorer with skip_on_duplicate_iid): of a chunk's rows, those whose
 * iid the project has already are left out, neither duplicated nor overwritten. As GitLab's `pluck(:iid)`, a missing
 * iid is a value too: a pipeline without one is skipped when the project has a pipeline without one. Rows this entity
 * loaded itself (a replayed chunk) are not "already there": they go on to the load, whose import key skips them, so
 * that a replay counts what the first run counted.
 */
export async function withoutExistingIids<T>(tx: Tx, pipeline: NdjsonPipeline, entity: EntityContext, items: readonly T[], rowOf: (item: T) => unknown): Promise<T[]> {
  const key = pipeline.iids;
  if (!entity.skipExistingIids || !key || entity.projectId === null || items.length === 0) return [...items];
  const iidOf = (item: T) => key.of(rowOf(item));
  const iids = [...new Set(items.map(iidOf).filter((iid): iid is number => iid !== null))];
  const withoutIid = items.some((item) => iidOf(item) === null);
  const { table } = key;
  const matches = [...(iids.length > 0 ? [inArray(table.iid, iids)] : []), ...(withoutIid ? [isNull(table.iid)] : [])];
  if (matches.length === 0) return [...items];
  const taken = await tx
    .selectDistinct({ iid: table.iid })
    .from(table)
    .where(and(eq(table.projectId, entity.projectId), or(isNull(table.importEntityId), ne(table.importEntityId, entity.entityId)), or(...matches)));
  const existing = new Set(taken.map((row) => row.iid as number | null));
  return items.filter((item) => !existing.has(iidOf(item)));
}
