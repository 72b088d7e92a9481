import { and, asc, eq, inArray } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { awardEmoji, bulkImportFailures, bulkImportEntities, epicLabels, epics, events, getDb, labels, notes, resourceStateEvents, users } from "@/lib/db";
import { STATUS } from "@/lib/migration";
import { tokenFor } from "@/test/helpers/api";
import { makeUser, unique } from "@/test/helpers/factories";
import { storedContent } from "@/test/exchange/compare";
import { exportGroupOverHttp } from "@/test/exchange/export-client";
import { runFerryExchange } from "@/test/exchange/ferry-exchange";
import { importSourceGroup } from "@/test/exchange/fixture-import";
import { fromRecords } from "@/test/source";

const { source, ferry } = runFerryExchange("pgboss_epics_exchange_test", { version: "17.8.0-ee", batchSize: 2, exportDelayMs: 20 }, (gitlab) => {
  gitlab.addUser({ id: 7101, username: "grace.hopper", name: "Grace Hopper" });
  gitlab.addUser({ id: 7102, username: "alan.turing", name: "Alan Turing" });
});

const T = "2024-02-03T04:05:06.000Z";
// What GitLab exports for every epic beyond Ferry's columns; ids of things Ferry does not map go out empty again.
const NOT_MAPPED = { milestone_id: null, updated_by_id: null, start_date_sourcing_milestone_id: null, due_date_sourcing_milestone_id: null, start_date_sourcing_epic_id: null, due_date_sourcing_epic_id: null };
const gitlabEpic = (fields: Record<string, unknown>) => ({ group_id: 4351, lock_version: 0, ...NOT_MAPPED, ...fields });
/** Epics using every part of the export: hierarchy (child first), labels, awards, notes with awards and metadata, events, state events. */
const RECORDS = [
  gitlabEpic({
    id: 8802, iid: 2, title: "Child", milestone_id: 77, updated_by_id: 7102, description: "a child", state: "closed", author_id: 7102, closed_by_id: 7101, closed_at: T, confidential: true,
    start_date_fixed: "2024-01-01", due_date_fixed: "2024-03-01", start_date_is_fixed: true, due_date_is_fixed: true, start_date: "2024-01-01", end_date: "2024-03-01",
    relative_position: 512, color: "#123abc", last_edited_at: T, last_edited_by_id: 7101, created_at: T, updated_at: T, lock_version: 4,
    parent_id: 8801, parent: { id: 8801, iid: 1, title: "Parent" },
    label_links: [{ id: 1, label: { title: "made-by-epic", color: "#aa00aa", description: "nested", type: "GroupLabel" } }],
    award_emoji: [{ id: 1, name: "rocket", user_id: 7101, created_at: T, updated_at: T }],
    notes: [
      { id: 601, note: "closed", system: true, author_id: 7101, author: { name: "Grace Hopper" }, discussion_id: "d601", created_at: T, updated_at: T, system_note_metadata: { id: 3, action: "closed", commit_count: null } },
      { id: 602, note: "why?", system: false, internal: true, author_id: 7102, author: { name: "Alan Turing" }, discussion_id: "d602", created_at: T, updated_at: T, award_emoji: [{ id: 2, name: "eyes", user_id: 7101, created_at: T, updated_at: T }] },
    ],
    events: [{ id: 9, action: "closed", author_id: 7101, created_at: T, updated_at: T, target_type: "Epic", target_id: 8802 }],
    resource_state_events: [{ user_id: 7101, created_at: T, state: "closed", close_after_error_tracking_resolve: false, close_auto_resolve_prometheus_alert: false, source_commit: null }],
  }),
  gitlabEpic({ id: 8801, iid: 1, title: "Parent", state: "opened", author_id: 7101, created_at: T, updated_at: T }),
  gitlabEpic({ id: 8803, iid: 3, title: "Grandchild", state: "opened", author_id: 7101, created_at: T, updated_at: T, parent_id: 8802 }),
];

/** What an epic is on an instance, without the instance's ids: its users by name, its relatives by iid. */
async function epicsOf(groupId: number) {
  const db = getDb();
  const rows = await db.select().from(epics).where(eq(epics.groupId, groupId)).orderBy(asc(epics.iid));
  const ids = rows.map((r) => r.id);
  const iidOf = new Map(rows.map((r) => [r.id, r.iid]));
  const userNames = new Map((await db.select({ id: users.id, name: users.name }).from(users)).map((u) => [u.id, u.name.replace(/^(Placeholder )+/, "")]));
  const who = (id: number | null) => (id === null ? null : userNames.get(id));
  const noteRows = await db.select().from(notes).where(and(eq(notes.noteableType, "Epic"), inArray(notes.noteableId, ids))).orderBy(asc(notes.createdAt), asc(notes.id));
  const noteIds = noteRows.map((n) => n.id);
  const awards = await db.select().from(awardEmoji).where(inArray(awardEmoji.awardableId, [...ids, ...noteIds, 0]));
  const awardsOf = (type: string, id: number) => awards.filter((a) => a.awardableType === type && a.awardableId === id).map((a) => [a.name, who(a.userId), a.createdAt]);
  const linked = await db.select({ epicId: epicLabels.epicId, title: labels.title, color: labels.color, description: labels.description }).from(epicLabels).innerJoin(labels, eq(labels.id, epicLabels.labelId)).where(inArray(epicLabels.epicId, ids));
  const eventRows = await db.select().from(events).where(and(eq(events.targetType, "Epic"), inArray(events.targetId, ids)));
  const stateRows = await db.select().from(resourceStateEvents).where(inArray(resourceStateEvents.epicId, ids));
  return rows.map((r) => {
    const { parentId, authorId, closedById, lastEditedById, sourceAttributes: attributes, ...columns } = storedContent(r);
    return {
      ...columns,
      attributes,
      parent: parentId === null ? null : iidOf.get(parentId),
      author: who(authorId),
      closedBy: who(closedById),
      lastEditedBy: who(lastEditedById),
      labels: linked.filter((l) => l.epicId === r.id).map(({ title, color, description }) => ({ title, color, description })),
      awards: awardsOf("Epic", r.id),
      notes: noteRows
        .filter((n) => n.noteableId === r.id)
        .map((n) => ({ note: n.note, author: who(n.authorId), system: n.system, systemAction: n.systemAction, internal: n.internal, discussionId: n.discussionId, createdAt: n.createdAt, updatedAt: n.updatedAt, awards: awardsOf("Note", n.id) })),
      events: eventRows.filter((e) => e.targetId === r.id).map((e) => [e.action, who(e.authorId), e.createdAt]),
      stateEvents: stateRows.filter((e) => e.epicId === r.id).map((e) => [e.state, who(e.userId), e.closeAfterError, e.createdAt]),
    };
  });
}

async function failuresOf(bulkImportId: number) {
  return getDb()
    .select({ relation: bulkImportFailures.relation, message: bulkImportFailures.exceptionMessage })
    .from(bulkImportFailures)
    .innerJoin(bulkImportEntities, eq(bulkImportEntities.id, bulkImportFailures.entityId))
    .where(eq(bulkImportEntities.bulkImportId, bulkImportId));
}

describe("epics from one Ferry to another", () => {
  it("exports epics in GitLab's shape that Ferry imports back as the same epics", async () => {
    const user = await makeUser();
    const group = source().addGroup({ path: unique("epics-rt"), relations: { epics: fromRecords(RECORDS) } });
    const fromGitlab = await importSourceGroup(source(), group.path, user, unique("epics-a"));
    expect(await failuresOf(fromGitlab.bulkImportId)).toEqual([]);
    const a = fromGitlab.byPath.get(group.path)!;
    const aEpics = await epicsOf(a.id);
    expect(aEpics.map((e) => [e.iid, e.parent, e.labels.length, e.notes.length, e.awards.length, e.events.length, e.stateEvents.length])).toEqual([
      [1, null, 0, 0, 0, 0, 0],
      [2, 1, 1, 2, 1, 1, 1],
      [3, 2, 0, 0, 0, 0, 0],
    ]);

    // The export speaks GitLab's shape with this instance's ids.
    const token = await tokenFor(user.id);
    const exported = (await exportGroupOverHttp(ferry().url, token, a.id)).get("epics")!;
    const child = exported.records.find((r) => r.iid === 2)!;
    const parentRow = (await getDb().select().from(epics).where(and(eq(epics.groupId, a.id), eq(epics.iid, 1))))[0]!;
    expect(child).toMatchObject({ state: "closed", parent_id: parentRow.id, parent: { id: parentRow.id, iid: 1, title: "Parent" }, group_id: a.id, lock_version: 4, end_date: "2024-03-01" });
    expect(child).not.toHaveProperty("state_id");
    // Kept as the source sent it, but not given out: those ids name nothing on this instance.
    expect(aEpics[1]!.attributes).toMatchObject({ milestone_id: 77, updated_by_id: 7102, lock_version: 4 });
    expect(child).toMatchObject({ milestone_id: null, updated_by_id: null });
    expect((child.notes as Record<string, unknown>[])[0]).toMatchObject({ author: { name: "Placeholder Grace Hopper" }, system_note_metadata: { id: 3, action: "closed" } });
    expect((child.label_links as Record<string, unknown>[])[0]).toMatchObject({ target_type: "Epic", label: { title: "made-by-epic", color: "#aa00aa" } });

    // Ferry importing from Ferry: the same epics, field by field, users mapped on this side.
    const fromFerry = await importSourceGroup({ url: ferry().url, token }, a.fullPath, user, unique("epics-b"));
    expect(fromFerry.status).toBe(STATUS.finished);
    expect(await failuresOf(fromFerry.bulkImportId)).toEqual([]);
    const b = [...fromFerry.byPath.values()][0]!;
    expect(await epicsOf(b.id)).toEqual(aEpics.map((e) => ({ ...e, attributes: { ...e.attributes, ...NOT_MAPPED } })));
  }, 120_000);
});
