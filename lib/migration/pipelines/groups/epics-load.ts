import { eq, sql } from "drizzle-orm";
import { bulkInsert, epicLabels, epics, groups, type Tx } from "@/lib/db";
import { RecordError } from "../../errors";
import { mapSourceUsers } from "../../source-users";
import { awardRows, insertAwards, loadNotes } from "../support/notes";
import { loadIssuableEvents } from "../support/issuable-load";
import { resolveLabels } from "../support/label-resolution";
import { allocateIds, insertNew } from "../support/insert-by-import-key";
import { parentsAtInsert } from "./epics-hierarchy";
import type { EpicRow } from "./epics-transform";
import type { EntityContext } from "../support/types";

// A row that is there already (a replayed chunk's epic labels, by their unique index) is skipped.
const skipExisting = sql`ON CONFLICT DO NOTHING`;

/**
 * Loads a chunk of epics in one transaction: maps the users they name, finds or makes their labels, inserts the epics
 * not imported yet (by import key) and, for those only, everything nested in them. An epic
 * and its nested records commit together, so an epic already there has all of them, and a replayed chunk inserts
 * nothing (notes also carry import keys, award emoji have their unique index). An epic takes its parent as it is
 * inserted when the parent is there already (parentsAtInsert); the others are linked once the whole relation is
 * loaded (epics-hierarchy.ts).
 */
export async function loadEpics(tx: Tx, rows: EpicRow[], entity: EntityContext): Promise<void> {
  const [group] = await tx.select({ id: groups.id, traversalIds: groups.traversalIds }).from(groups).where(eq(groups.id, entity.groupId!));
  if (!group) throw new RecordError("The destination group no longer exists.", "GroupNotFound");
  const mapped = await mapSourceUsers(tx, { sourceUrl: entity.sourceUrl, rootGroupId: group.traversalIds[0]! }, rows.flatMap((row) => row.users));
  const user = (id: number | null) => (id === null ? null : (mapped.get(id) ?? null));
  const labelIds = await resolveLabels(tx, { owner: { groupId: group.id }, groupIds: group.traversalIds }, rows.flatMap((row) => row.labels));

  const sorted = [...rows].sort((a, b) => a.values.iid - b.values.iid);
  const values = sorted.map((row) => Object.assign({}, row.values, { authorId: user(row.authorId), closedById: user(row.closedById), lastEditedById: user(row.lastEditedById) }));
  const newIds = await allocateIds(tx, epics, values.length);
  const parents = await parentsAtInsert(tx, entity.entityId, values, newIds);
  const parentKeys = values.map((row) => row.importParentKey);
  // The rows above are this load's own copies: they take their ids and parents in place, not in a copy of each.
  const linked = values.map((row, index) => {
    const parent = parents[index];
    return Object.assign(row, parent ? { id: newIds[index]!, parentId: parent.parentId, importParentKey: null } : { id: newIds[index]! });
  });
  const ids = await insertNew(tx, epics, linked, {
    ids: true,
    // Replayed: a parent of this chunk may be a row that is skipped (there already, under another id).
    onReplay: (rows) => rows.map((row, index) => (parents[index]?.inChunk ? Object.assign({}, row, { parentId: undefined, importParentKey: parentKeys[index] }) : row)),
  });
  const fresh = sorted.flatMap((row) => {
    const id = ids.get(row.values.importKey);
    return id === undefined ? [] : [{ row, id }];
  });
  if (fresh.length === 0) return;

  await bulkInsert(
    tx,
    epicLabels,
    fresh.flatMap(({ row, id }) => row.labels.map((label) => ({ epicId: id, labelId: labelIds.get(label.title)! }))),
    skipExisting,
  );
  await insertAwards(tx, fresh.flatMap(({ row, id }) => awardRows("Epic", id, row.awards, (userId) => user(userId)!)));
  await loadNotes(tx, fresh.map(({ row, id }) => ({ id, notes: row.notes })), { owner: { groupId: group.id }, noteableType: "Epic", entityId: entity.entityId, user });
  await loadIssuableEvents(tx, fresh.map(({ row, id }) => ({ id, events: row.events, stateEvents: row.stateEvents })), { owner: { groupId: group.id }, targetType: "Epic", user });
}
