import { and, asc, eq, sql, type SQL } from "drizzle-orm";
import type { AnyPgColumn } from "drizzle-orm/pg-core";
import { awardEmoji, epicLabels, epics, events, getDb, labels, notes, resourceStateEvents, users } from "@/lib/db";
import { epicRecord, type EpicTree } from "./epics-records";
import { idsOf, ownedIds } from "../support/record-ids";
import type { CollectionRelation } from "../support/types";

/** `column = ANY(ids)` with one array parameter, however many ids. */
const anyOf = (column: AnyPgColumn, ids: readonly number[]): SQL => sql`${column} = ANY(${`{${ids.join(",")}}`}::integer[])`;

function groupBy<T>(rows: T[], key: (row: T) => number): Map<number, T[]> {
  const groups = new Map<number, T[]>();
  for (const row of rows) {
    const list = groups.get(key(row));
    if (list) list.push(row);
    else groups.set(key(row), [row]);
  }
  return groups;
}

/** The epics of one batch with everything nested in them: a fixed number of queries, whatever the batch holds. */
async function epicTrees(groupId: number, ids: readonly number[]): Promise<EpicTree[]> {
  const db = getDb();
  const rows = await db.select().from(epics).where(ownedIds(epics.id, epics.groupId, groupId, ids)).orderBy(asc(epics.id));
  if (rows.length === 0) return [];
  const epicIds = rows.map((epic) => epic.id);
  const parentIds = [...new Set(rows.flatMap((epic) => (epic.parentId === null ? [] : [epic.parentId])))];
  const [parents, linked, epicAwards, noteRows, epicEvents, stateEvents] = await Promise.all([
    parentIds.length ? db.select().from(epics).where(anyOf(epics.id, parentIds)) : [],
    db.select({ epicId: epicLabels.epicId, label: labels }).from(epicLabels).innerJoin(labels, eq(labels.id, epicLabels.labelId)).where(anyOf(epicLabels.epicId, epicIds)).orderBy(asc(labels.id)),
    db.select().from(awardEmoji).where(and(eq(awardEmoji.awardableType, "Epic"), anyOf(awardEmoji.awardableId, epicIds))).orderBy(asc(awardEmoji.id)),
    db
      .select({ note: notes, authorName: users.name })
      .from(notes)
      .leftJoin(users, eq(users.id, notes.authorId))
      .where(and(eq(notes.noteableType, "Epic"), anyOf(notes.noteableId, epicIds)))
      .orderBy(asc(notes.id)),
    db.select().from(events).where(and(eq(events.targetType, "Epic"), anyOf(events.targetId, epicIds))).orderBy(asc(events.id)),
    db.select().from(resourceStateEvents).where(anyOf(resourceStateEvents.epicId, epicIds)).orderBy(asc(resourceStateEvents.id)),
  ]);
  const noteIds = noteRows.map((row) => row.note.id);
  const noteAwards = noteIds.length
    ? await db.select().from(awardEmoji).where(and(eq(awardEmoji.awardableType, "Note"), anyOf(awardEmoji.awardableId, noteIds))).orderBy(asc(awardEmoji.id))
    : [];

  const parentById = new Map(parents.map((parent) => [parent.id, parent]));
  const labelsByEpic = groupBy(linked, (row) => row.epicId);
  const awardsByEpic = groupBy(epicAwards, (award) => award.awardableId);
  const awardsByNote = groupBy(noteAwards, (award) => award.awardableId);
  const notesByEpic = groupBy(noteRows, (row) => row.note.noteableId);
  const eventsByEpic = groupBy(epicEvents, (event) => event.targetId!);
  const stateEventsByEpic = groupBy(stateEvents, (event) => event.epicId);
  return rows.map((epic) => ({
    epic,
    parent: epic.parentId === null ? undefined : parentById.get(epic.parentId),
    labels: (labelsByEpic.get(epic.id) ?? []).map((row) => row.label),
    awards: awardsByEpic.get(epic.id) ?? [],
    notes: (notesByEpic.get(epic.id) ?? []).map(({ note, authorName }) => ({ note, authorName, awards: awardsByNote.get(note.id) ?? [] })),
    events: eventsByEpic.get(epic.id) ?? [],
    stateEvents: stateEventsByEpic.get(epic.id) ?? [],
  }));
}

export const epicsRelation: CollectionRelation = {
  kind: "collection",
  name: "epics",
  ids: idsOf(epics, epics.id, epics.groupId),
  async records(groupId, ids) {
    return (await epicTrees(groupId, ids)).map(epicRecord);
  },
};
