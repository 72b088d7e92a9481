import { sql } from "drizzle-orm";
import { arrayLiteral, type Tx } from "@/lib/db";

// GitLab allows 7 levels; a walk this long has met a cycle that is not the one it looks for.
const MAX_DEPTH = 1000;

const idArray = (ids: number[]) => sql`${`{${ids.join(",")}}`}::integer[]`;

interface EpicToLoad {
  importKey: string;
  importParentKey?: string | null;
}

/**
 * Parents an epic can take as it is inserted, so that most epics are written once rather than inserted and then
 * updated by linkEntityEpics (a second version of the row and of its indexes): a parent of the same entity loaded by
 * an earlier chunk (committed: another worker's chunk still loading is not seen), or one earlier in this chunk.
 * `ids` are the rows' ids, taken before the load. Every link made here points to an epic committed before this chunk,
 * or to one before it in this chunk, so these links alone can never close a loop: a loop needs a link made by
 * linkEntityEpics, whose cycle check then finds it. Gives each row's parent id (or nothing) and whether it is a row of
 * this chunk, which a replayed chunk must not rely on.
 */
export async function parentsAtInsert(tx: Tx, entityId: number, rows: readonly EpicToLoad[], ids: readonly number[]): Promise<({ parentId: number; inChunk: boolean } | null)[]> {
  const place = new Map<string, number>();
  rows.forEach((row, index) => {
    if (!place.has(row.importKey)) place.set(row.importKey, index);
  });
  const earlier = (row: EpicToLoad, index: number) => {
    const at = row.importParentKey ? place.get(row.importParentKey) : undefined;
    return at !== undefined && at < index ? at : undefined;
  };
  const elsewhere = [...new Set(rows.filter((row, index) => row.importParentKey && earlier(row, index) === undefined && !place.has(row.importParentKey)).map((row) => row.importParentKey!))];
  const loaded = new Map<string, number>();
  if (elsewhere.length > 0) {
    const { rows: found } = await tx.execute<{ id: number; key: string }>(
      sql`SELECT id, import_key AS key FROM epics WHERE import_entity_id = ${entityId} AND import_key = ANY(${arrayLiteral(elsewhere)}::text[])`,
    );
    for (const { id, key } of found) loaded.set(key, Number(id));
  }
  return rows.map((row, index) => {
    const at = earlier(row, index);
    if (at !== undefined) return { parentId: ids[at]!, inChunk: true };
    const id = row.importParentKey ? loaded.get(row.importParentKey) : undefined;
    return id !== undefined ? { parentId: id, inChunk: false } : null;
  });
}

/**
 * Links an entity's epics into the hierarchy once all of its batches are loaded (the epics relation's `finish`, in the
 * transaction that ends it). A record names its parent by source id (`import_parent_key`), and the parent may come in
 * any batch of the entity, or (for a subgroup's epic) in another entity of the import. So both sides are linked: this
 * entity's waiting epics take their parents, and epics of other entities that wait for one of this entity's take it.
 *
 * No lock is needed: every entity links after its own loads have committed, so of two entities holding a parent and
 * its child, the one that links second sees both epics, whichever order they loaded in. Linking per entity rather than
 * per chunk keeps the chunks of one relation (and of several workers) from queueing on each other.
 *
 * A parent is found among the epics of the same entity first, else among those of the import whose group is an
 * ancestor of the child's (where GitLab allows a parent to be).
 */
export async function linkEntityEpics(tx: Tx, entityId: number, bulkImportId: number): Promise<void> {
  const linked = [...(await link(tx, entityId, bulkImportId, "children")), ...(await link(tx, entityId, bulkImportId, "parents"))];
  if (linked.length > 0) await breakCycles(tx, linked);
}

/**
 * One UPDATE: the entity's epics as `children` (taking parents anywhere in the import) or as `parents` (of epics of
 * other entities still waiting for them). Both sides are narrowed by import key before they meet, in materialized
 * steps, so that the plan stays a few index look-ups even while the table's statistics still describe it empty.
 */
async function link(tx: Tx, entityId: number, bulkImportId: number, side: "children" | "parents"): Promise<number[]> {
  const entities = sql`ARRAY(SELECT id FROM bulk_import_entities WHERE bulk_import_id = ${bulkImportId})`;
  const waiting =
    side === "children"
      ? sql`SELECT id, import_parent_key, import_entity_id, group_id FROM epics WHERE import_entity_id = ${entityId} AND import_parent_key IS NOT NULL`
      : sql`SELECT id, import_parent_key, import_entity_id, group_id FROM epics
            WHERE import_entity_id = ANY(${entities}) AND import_entity_id <> ${entityId} AND import_parent_key IS NOT NULL
              AND import_parent_key IN (SELECT import_key FROM epics WHERE import_entity_id = ${entityId})`;
  const parentEntities = side === "children" ? entities : sql`ARRAY[${entityId}::integer]`;
  // Each waiting epic looks its parent up by import key (an index probe per epic; LIMIT keeps the planner from
  // flattening the look-up into a join it might order badly while the table's statistics predate this load).
  const { rows } = await tx.execute<{ id: number }>(sql`
    WITH waiting AS MATERIALIZED (${waiting}),
    pairs AS MATERIALIZED (
      SELECT c.id AS child_id, p.id AS parent_id
      FROM waiting AS c
      JOIN groups AS cg ON cg.id = c.group_id
      CROSS JOIN LATERAL (
        SELECT p.id FROM epics AS p
        WHERE p.import_entity_id = ANY(${parentEntities}) AND p.import_key = c.import_parent_key AND p.id <> c.id
          AND (p.import_entity_id = c.import_entity_id OR p.group_id = ANY(cg.traversal_ids))
        ORDER BY (p.import_entity_id = c.import_entity_id) DESC, p.id
        LIMIT 1
      ) AS p
    )
    UPDATE epics AS e SET parent_id = pairs.parent_id, import_parent_key = NULL FROM pairs
    WHERE e.id = pairs.child_id AND e.import_parent_key IS NOT NULL
    RETURNING e.id`);
  return rows.map((r) => Number(r.id));
}

/**
 * An export whose epics are each other's parents would make a loop that every tree walk follows forever. A new epic
 * whose ancestors lead back to itself gives up its parent (the one of the loop with the highest id, one loop at a
 * time), keeping the parent's key as a record of what the source said. Each step of the walk is a primary-key look-up
 * per epic: a join the planner could order would, with statistics taken before the parents were set, become a nested
 * loop of every linked epic against every other (a 187,000-epic file spent over 10 minutes here).
 */
async function breakCycles(tx: Tx, newIds: number[]): Promise<void> {
  for (;;) {
    const { rows } = await tx.execute<{ start: number }>(sql`
      WITH RECURSIVE walk(start, id, depth) AS (
        SELECT n.id, e.parent_id, 1 FROM unnest(${idArray(newIds)}) AS n(id)
        CROSS JOIN LATERAL (SELECT parent_id FROM epics WHERE epics.id = n.id LIMIT 1) AS e
        WHERE e.parent_id IS NOT NULL
        UNION ALL
        SELECT w.start, e.parent_id, w.depth + 1 FROM walk AS w
        CROSS JOIN LATERAL (SELECT parent_id FROM epics WHERE epics.id = w.id LIMIT 1) AS e
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
