import { and, asc, eq } from "drizzle-orm";
import { epicLabels, epics, events, getDb, labels, resourceStateEvents } from "@/lib/db";
import { epicRecord, type EpicTree } from "./epics-records";
import { anyOf, awardsOf, groupBy, noteTreesOf } from "../support/note-records";
import { idsOf, ownedIds } from "../support/record-ids";
import type { CollectionRelation } from "../support/types";

/** The epics of one batch with everything nested in them: a fixed number of queries, whatever the batch holds. */
async function epicTrees(groupId: number, ids: readonly number[]): Promise<EpicTree[]> {
  const db = getDb();
  const rows = await db.select().from(epics).where(ownedIds(epics.id, epics.groupId, groupId, ids)).orderBy(asc(epics.id));
  if (rows.length === 0) return [];
  const epicIds = rows.map((epic) => epic.id);
  const parentIds = [...new Set(rows.flatMap((epic) => (epic.parentId === null ? [] : [epic.parentId])))];
  const [parents, linked, awardsByEpic, notesByEpic, epicEvents, stateEvents] = await Promise.all([
    parentIds.length ? db.select().from(epics).where(anyOf(epics.id, parentIds)) : [],
    db.select({ epicId: epicLabels.epicId, label: labels }).from(epicLabels).innerJoin(labels, eq(labels.id, epicLabels.labelId)).where(anyOf(epicLabels.epicId, epicIds)).orderBy(asc(labels.id)),
    awardsOf("Epic", epicIds),
    noteTreesOf("Epic", epicIds),
    db.select().from(events).where(and(eq(events.targetType, "Epic"), anyOf(events.targetId, epicIds))).orderBy(asc(events.id)),
    db.select().from(resourceStateEvents).where(anyOf(resourceStateEvents.epicId, epicIds)).orderBy(asc(resourceStateEvents.id)),
  ]);

  const parentById = new Map(parents.map((parent) => [parent.id, parent]));
  const labelsByEpic = groupBy(linked, (row) => row.epicId);
  const eventsByEpic = groupBy(epicEvents, (event) => event.targetId!);
  const stateEventsByEpic = groupBy(stateEvents, (event) => event.epicId!);
  return rows.map((epic) => ({
    epic,
    parent: epic.parentId === null ? undefined : parentById.get(epic.parentId),
    labels: (labelsByEpic.get(epic.id) ?? []).map((row) => row.label),
    awards: awardsByEpic.get(epic.id) ?? [],
    notes: notesByEpic.get(epic.id) ?? [],
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
