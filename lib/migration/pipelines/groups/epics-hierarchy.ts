import { sql } from "drizzle-orm";
import type { Tx } from "@/lib/db";

// Any constant: with the bulk import's id, the key of the lock that serialises linking epics of one import.
const EPIC_LINK_LOCK = 7_264_010;
// GitLab allows 7 levels; a walk this long has met a cycle that is not the one it looks for.
const MAX_DEPTH = 1000;

const idArray = (ids: number[]) => sql`${`{${ids.join(",")}}`}::integer[]`;

/**
 * Links freshly inserted epics into the hierarchy, inside the load's transaction. A record names its parent by source
 * id (`import_parent_key`), and the parent may come later in the file, in another batch loaded at the same time, or
 * (for a subgroup's epic) in another entity of the import. So both sides look: the new epics take the parents that are
 * there, and children already there that wait for a new epic take it.
 *
 * Both looks run under one lock per bulk import, held to commit: of two transactions holding a parent and its child,
 * the one that links second starts its statements after the first committed (READ COMMITTED takes a new snapshot per
 * statement), so it sees the other's epic and makes the link; neither can miss it. The lock is taken last, after the
 * inserts, so that loads only queue for this short step.
 *
 * A parent is found among the epics of the same entity first, else among those of the import whose group is an
 * ancestor of the child's (where GitLab allows a parent to be).
 */
export async function linkEpics(tx: Tx, bulkImportId: number, newIds: number[]): Promise<void> {
  if (newIds.length === 0) return;
  await tx.execute(sql`SELECT pg_advisory_xact_lock(${EPIC_LINK_LOCK}, ${bulkImportId})`);
  // Children already there first: they cannot close a cycle, as no new epic has a parent yet.
  await tx.execute(linkStatement(bulkImportId, newIds, "parents"));
  await tx.execute(linkStatement(bulkImportId, newIds, "children"));
  await breakCycles(tx, newIds);
}

/**
 * One UPDATE that links the new epics (`fresh`) as parents of the epics waiting for them, or as children of the
 * epics they wait for. Both sides are narrowed by import key before they meet, in materialized steps, so that the
 * plan stays a few index look-ups even while the table's statistics still describe it empty (as during an import).
 */
function linkStatement(bulkImportId: number, newIds: number[], fresh: "parents" | "children") {
  const ids = idArray(newIds);
  const entities = sql`ARRAY(SELECT id FROM bulk_import_entities WHERE bulk_import_id = ${bulkImportId})`;
  const others =
    fresh === "parents"
      ? sql`SELECT id, import_key, import_parent_key, import_entity_id, group_id FROM epics
            WHERE import_entity_id = ANY(${entities}) AND import_parent_key IN (SELECT import_key FROM fresh) AND NOT (id = ANY(${ids}))`
      : sql`SELECT id, import_key, import_parent_key, import_entity_id, group_id FROM epics
            WHERE import_entity_id = ANY(${entities}) AND import_key IN (SELECT import_parent_key FROM fresh)`;
  return sql`
    WITH fresh AS MATERIALIZED (
      SELECT id, import_key, import_parent_key, import_entity_id, group_id FROM epics WHERE id = ANY(${ids})
    ),
    others AS MATERIALIZED (${others}),
    pairs AS (
      SELECT DISTINCT ON (c.id) c.id AS child_id, p.id AS parent_id
      FROM ${fresh === "parents" ? sql`others` : sql`fresh`} AS c
      JOIN ${fresh === "parents" ? sql`fresh` : sql`others`} AS p ON p.import_key = c.import_parent_key AND p.id <> c.id
      JOIN groups AS cg ON cg.id = c.group_id
      WHERE c.import_entity_id = p.import_entity_id OR p.group_id = ANY(cg.traversal_ids)
      ORDER BY c.id, (c.import_entity_id = p.import_entity_id) DESC, p.id
    )
    UPDATE epics AS e SET parent_id = pairs.parent_id, import_parent_key = NULL FROM pairs WHERE e.id = pairs.child_id`;
}

/**
 * An export whose epics are each other's parents would make a loop that every tree walk follows forever. A new epic
 * whose ancestors lead back to itself gives up its parent (the one of the loop with the highest id, one loop at a
 * time), keeping the parent's key as a record of what the source said.
 */
async function breakCycles(tx: Tx, newIds: number[]): Promise<void> {
  for (;;) {
    const { rows } = await tx.execute<{ start: number }>(sql`
      WITH RECURSIVE walk(start, id, depth) AS (
        SELECT e.id, e.parent_id, 1 FROM epics AS e WHERE e.id = ANY(${idArray(newIds)}) AND e.parent_id IS NOT NULL
        UNION ALL
        SELECT w.start, e.parent_id, w.depth + 1 FROM walk AS w JOIN epics AS e ON e.id = w.id
        WHERE e.parent_id IS NOT NULL AND w.id <> w.start AND w.depth < ${MAX_DEPTH}
      )
      SELECT max(start) AS start FROM walk WHERE id = start`);
    const start = rows[0]?.start;
    if (start === null || start === undefined) return;
    await tx.execute(sql`
      UPDATE epics AS c SET parent_id = NULL, import_parent_key = p.import_key
      FROM epics AS p WHERE c.id = ${start} AND p.id = c.parent_id`);
  }
}
