import { eq, sql } from "drizzle-orm";
import type { PgTable } from "drizzle-orm/pg-core";
import { awardEmoji, epicLabels, epics, events, groups, notes, resourceStateEvents, type Tx } from "@/lib/db";
import { RecordError } from "../../errors";
import { mapSourceUsers } from "../../source-users";
import type { AwardInput } from "./epics-fields";
import { linkEpics } from "./epics-hierarchy";
import { resolveLabels } from "../support/label-resolution";
import type { EpicRow } from "./epics-transform";
import type { EntityContext } from "../support/types";

// Rows per INSERT: an epic may bring hundreds of notes, and one statement takes at most 65535 parameters.
const ROWS_PER_INSERT = 1000;

async function insertAll<T extends PgTable>(tx: Tx, table: T, rows: T["$inferInsert"][], onConflictDoNothing = false): Promise<void> {
  for (let start = 0; start < rows.length; start += ROWS_PER_INSERT) {
    const insert = tx.insert(table).values(rows.slice(start, start + ROWS_PER_INSERT));
    await (onConflictDoNothing ? insert.onConflictDoNothing() : insert);
  }
}

function awardRows(awardableType: "Epic" | "Note", awardableId: number, awards: AwardInput[], user: (id: number) => number) {
  return awards.map((award) => ({ awardableType, awardableId, name: award.name, userId: user(award.userId), createdAt: award.createdAt, updatedAt: award.updatedAt }));
}

/** Inserts the notes of new epics (by import key) and their award emoji. */
async function loadNotes(tx: Tx, fresh: { row: EpicRow; id: number }[], groupId: number, entityId: number, user: (id: number | null) => number | null) {
  const noteRows = fresh.flatMap(({ row, id }) =>
    row.notes.map((note) => ({
      groupId,
      noteableType: "Epic",
      noteableId: id,
      authorId: user(note.authorId),
      note: note.note,
      system: note.system,
      systemAction: note.systemAction,
      internal: note.internal,
      discussionId: note.discussionId,
      importEntityId: entityId,
      importKey: note.key,
      sourceAttributes: note.sourceAttributes,
      createdAt: note.createdAt,
      updatedAt: note.updatedAt,
    })),
  );
  const noteIds = new Map<string, number>();
  for (let start = 0; start < noteRows.length; start += ROWS_PER_INSERT) {
    const inserted = await tx
      .insert(notes)
      .values(noteRows.slice(start, start + ROWS_PER_INSERT))
      .onConflictDoNothing({ target: [notes.importEntityId, notes.importKey], where: sql`${notes.importKey} IS NOT NULL` })
      .returning({ id: notes.id, key: notes.importKey });
    for (const note of inserted) noteIds.set(note.key!, note.id);
  }
  const awards = fresh.flatMap(({ row }) =>
    row.notes.flatMap((note) => {
      const noteId = noteIds.get(note.key);
      return noteId === undefined ? [] : awardRows("Note", noteId, note.awards, (id) => user(id)!);
    }),
  );
  await insertAll(tx, awardEmoji, awards, true);
}

/**
 * Loads a chunk of epics in one transaction: maps the users they name, finds or makes their labels, inserts the epics
 * not imported yet (by import key) and, for those only, everything nested in them; then links the hierarchy. An epic
 * and its nested records commit together, so an epic already there has all of them, and a replayed chunk inserts
 * nothing (notes also carry import keys, award emoji have their unique index).
 */
export async function loadEpics(tx: Tx, rows: EpicRow[], entity: EntityContext): Promise<void> {
  const [group] = await tx.select({ id: groups.id, traversalIds: groups.traversalIds }).from(groups).where(eq(groups.id, entity.groupId!));
  if (!group) throw new RecordError("The destination group no longer exists.", "GroupNotFound");
  const mapped = await mapSourceUsers(tx, { sourceUrl: entity.sourceUrl, rootGroupId: group.traversalIds[0]! }, rows.flatMap((row) => row.users));
  const user = (id: number | null) => (id === null ? null : (mapped.get(id) ?? null));
  const labelIds = await resolveLabels(tx, { owner: { groupId: group.id }, groupIds: group.traversalIds }, rows.flatMap((row) => row.labels));

  const sorted = [...rows].sort((a, b) => a.values.iid - b.values.iid);
  const inserted = await tx
    .insert(epics)
    .values(sorted.map((row) => ({ ...row.values, authorId: user(row.authorId), closedById: user(row.closedById), lastEditedById: user(row.lastEditedById) })))
    .onConflictDoNothing({ target: [epics.importEntityId, epics.importKey], where: sql`${epics.importKey} IS NOT NULL` })
    .returning({ id: epics.id, key: epics.importKey });
  const ids = new Map(inserted.map((epic) => [epic.key!, epic.id]));
  const fresh = sorted.flatMap((row) => {
    const id = ids.get(row.values.importKey);
    return id === undefined ? [] : [{ row, id }];
  });
  if (fresh.length === 0) return;

  await insertAll(
    tx,
    epicLabels,
    fresh.flatMap(({ row, id }) => row.labels.map((label) => ({ epicId: id, labelId: labelIds.get(label.title)! }))),
    true,
  );
  await insertAll(tx, awardEmoji, fresh.flatMap(({ row, id }) => awardRows("Epic", id, row.awards, (userId) => user(userId)!)), true);
  await loadNotes(tx, fresh, group.id, entity.entityId, user);
  await insertAll(
    tx,
    events,
    fresh.flatMap(({ row, id }) =>
      row.events.map((event) => ({ groupId: group.id, authorId: user(event.authorId), action: event.action, targetType: "Epic", targetId: id, sourceAttributes: event.sourceAttributes, createdAt: event.createdAt, updatedAt: event.updatedAt })),
    ),
  );
  await insertAll(
    tx,
    resourceStateEvents,
    fresh.flatMap(({ row, id }) =>
      row.stateEvents.map((event) => ({ groupId: group.id, epicId: id, userId: user(event.userId), state: event.state, closeAfterError: event.closeAfterError, sourceAttributes: event.sourceAttributes, createdAt: event.createdAt })),
    ),
  );
  await linkEpics(tx, entity.bulkImportId, fresh.map(({ id }) => id));
}
