import { and, eq, inArray, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { awardEmoji, bulkImportEntities, bulkImports, epicLabels, epics, events, getDb, labels, notes, resourceStateEvents, sourceUsers, users } from "@/lib/db";
import { createGroup } from "@/lib/groups";
import { makeUser, unique } from "@/test/helpers/factories";
import { epicsPipeline } from "./epics";
import type { EpicRow } from "./epics-transform";
import type { EntityContext } from "../support/types";

const SOURCE = `https://${unique("src")}.example.com`;
let nextSourceId = 5_000_000 + Math.floor(Math.random() * 1_000_000);

type Owner = Awaited<ReturnType<typeof makeUser>>;

async function newImport(owner: Owner): Promise<number> {
  const [row] = await getDb()
    .insert(bulkImports)
    .values({ userId: owner.id, sourceUrl: SOURCE, sourceVersion: "17.8.0-ee", sourceEnterprise: true, tokenCiphertext: "unused" })
    .returning();
  return row!.id;
}

/** An entity of a bulk import whose destination group exists, as the engine hands it to a pipeline. */
async function entityFor(owner: Owner, group: { id: number; path: string }, bulkImportId: number): Promise<EntityContext> {
  const [entity] = await getDb()
    .insert(bulkImportEntities)
    .values({ bulkImportId, sourceType: "group_entity", sourceFullPath: unique("src/path"), destinationSlug: group.path, destinationNamespace: "", namespaceId: group.id })
    .returning();
  return {
    portable: "group",
    entityId: entity!.id,
    bulkImportId,
    userId: owner.id,
    isAdmin: false,
    sourceUrl: SOURCE,
    sourceVersion: "17.8.0-ee",
    sourceEnterprise: true,
    sourceFullPath: entity!.sourceFullPath,
    sourceXid: 1,
    destinationSlug: group.path,
    destinationNamespace: "",
    groupId: group.id,
    projectId: null,
    migrateProjects: false,
    migrateMemberships: true,
  };
}

async function setup() {
  const owner = await makeUser();
  const root = await createGroup(owner, { name: unique("Root"), path: unique("root") });
  const sub = await createGroup(owner, { name: "Sub", path: "sub", parentId: root.id });
  const bulkImportId = await newImport(owner);
  return { owner, root, sub, bulkImportId, entity: await entityFor(owner, sub, bulkImportId) };
}

const record = (id: number, iid: number, extra: Record<string, unknown> = {}) => ({ id, iid, title: `Epic ${iid}`, state: "opened", ...extra });
const rowsOf = (entity: EntityContext, records: Record<string, unknown>[]) => records.map((r) => epicsPipeline.transform(r, entity, `id:${r.id}`));
const load = (entity: EntityContext, rows: EpicRow[]) => getDb().transaction((tx) => epicsPipeline.load(tx, rows, entity));
// What ends the relation of an entity once all its batches are in: the hierarchy is linked then.
const finish = (entity: EntityContext) => getDb().transaction((tx) => epicsPipeline.finish!(tx, entity));

async function parentsIn(groupId: number) {
  const rows = await getDb().select().from(epics).where(eq(epics.groupId, groupId));
  const iidOf = new Map(rows.map((r) => [r.id, r.iid]));
  return Object.fromEntries(rows.map((r) => [r.iid, r.parentId === null ? null : iidOf.get(r.parentId)!]));
}

describe("epics pipeline: records", () => {
  it("reads GitLab's states, dates and flags, and refuses what it cannot take", async () => {
    const { entity } = await setup();
    const t = (extra: Record<string, unknown>) => epicsPipeline.transform(record(1, 1, extra), entity, "id:1").values;
    expect(t({ state: undefined, state_id: 2 }).state).toBe("closed");
    expect(t({ state: undefined, state_id: "closed" }).state).toBe("closed");
    expect(t({ state: undefined, state_id: "opened" }).state).toBe("opened");
    expect(t({ state: undefined }).state).toBe("opened");
    expect(t({ end_date: "2024-05-01", start_date_fixed: "2024-01-01", due_date_is_fixed: true, relative_position: -5, confidential: true })).toMatchObject({
      dueDate: "2024-05-01",
      startDateFixed: "2024-01-01",
      dueDateIsFixed: true,
      relativePosition: -5,
      confidential: true,
    });
    // What got no column stays with the record; nested relations and the parent copy are rows and links of their own.
    expect(t({ lock_version: 3, milestone_id: null, parent: { id: 9 }, parent_id: 9, notes: [] }).sourceAttributes).toEqual({ id: 1, lock_version: 3, milestone_id: null });
    expect(() => t({ state: "merged" })).toThrow(/state "merged"/);
    expect(() => t({ iid: 0 })).toThrow(/iid/);
    expect(() => t({ title: "" })).toThrow(/title can't be blank/);
    expect(() => t({ notes: [{ note: 5 }] })).toThrow(/notes\[0\]: note must be a string/);
    expect(() => t({ award_emoji: [{ name: "tada" }] })).toThrow(/award_emoji\[0\]: user_id/);
    expect(() => t({ events: [{ action: 99 }] })).toThrow(/events\[0\]: action 99/);
  });

  it("loads an epic with its labels, award emoji, notes, events and state events, once however often it is replayed", async () => {
    const { owner, root, sub, entity } = await setup();
    await getDb().insert(labels).values([
      { groupId: root.id, title: "bug", color: "#ff0000" },
      { groupId: root.id, title: "ux", color: "#00ff00" },
      { groupId: sub.id, title: "bug", color: "#0000ff" },
    ]);
    const ada = nextSourceId++;
    const gone = nextSourceId++;
    await getDb().insert(sourceUsers).values({ sourceUrl: SOURCE, sourceUserId: ada, username: unique("ada"), name: "Ada Lovelace" });
    const epic = record(101, 1, {
      author_id: ada,
      closed_by_id: ada,
      state: "closed",
      closed_at: "2024-03-01T10:00:00.000Z",
      label_links: [
        { id: 1, label_id: 1, target_type: "Epic", label: { title: "bug", color: "#123456", type: "GroupLabel" } },
        { id: 2, label: { title: "ux" } },
        { id: 3, label: { title: "new one", color: "#abcdef", description: "made on import", type: "GroupLabel", priorities: [] } },
      ],
      award_emoji: [
        { id: 1, name: "thumbsup", user_id: ada },
        { id: 2, name: "thumbsup", user_id: gone },
      ],
      notes: [
        { id: 501, note: "closed", system: true, author_id: ada, author: { name: "Ada Lovelace" }, discussion_id: "a", system_note_metadata: { id: 9, action: "closed" } },
        { id: 502, note: "secret", internal: true, author_id: gone, author: { name: "Old Timer" }, discussion_id: "b", award_emoji: [{ name: "eyes", user_id: ada }], line_code: null },
      ],
      events: [{ id: 1, action: 3, author_id: ada, created_at: "2024-03-01T10:00:00.000Z", target_type: "Epic" }],
      resource_state_events: [{ state: "closed", user_id: ada, close_after_error_tracking_resolve: false, source_commit: null, created_at: "2024-03-01T10:00:00.000Z" }],
    });
    const rows = rowsOf(entity, [epic]);
    for (let run = 0; run < 3; run += 1) await load(entity, rows);

    const [stored] = await getDb().select().from(epics).where(eq(epics.importEntityId, entity.entityId));
    expect(stored).toMatchObject({ iid: 1, state: "closed", closedAt: new Date("2024-03-01T10:00:00.000Z") });
    const [author] = await getDb().select().from(users).where(eq(users.id, stored!.authorId!));
    expect(author).toMatchObject({ userType: "placeholder", name: "Placeholder Ada Lovelace" });
    expect(stored!.closedById).toBe(author!.id);

    // Labels: the group's own "bug" wins over its parent's, "ux" comes from the parent, "new one" is made in the group.
    const linked = await getDb().select({ title: labels.title, groupId: labels.groupId, color: labels.color }).from(epicLabels).innerJoin(labels, eq(labels.id, epicLabels.labelId)).where(eq(epicLabels.epicId, stored!.id));
    expect(linked.sort((a, b) => a.title.localeCompare(b.title))).toEqual([
      { title: "bug", groupId: sub.id, color: "#0000ff" },
      { title: "new one", groupId: sub.id, color: "#abcdef" },
      { title: "ux", groupId: root.id, color: "#00ff00" },
    ]);

    const storedNotes = await getDb().select().from(notes).where(and(eq(notes.noteableType, "Epic"), eq(notes.noteableId, stored!.id))).orderBy(notes.id);
    expect(storedNotes.map((n) => [n.note, n.system, n.systemAction, n.internal, n.discussionId, n.importKey])).toEqual([
      ["closed", true, "closed", false, "a", "id:101/note:501"],
      ["secret", false, null, true, "b", "id:101/note:502"],
    ]);
    expect(storedNotes[0]!.sourceAttributes).toEqual({ id: 501, system_note_metadata: { id: 9 } });
    // A user the source does not know (deleted) gets a placeholder of its own, named after the export's author name.
    const [ghost] = await getDb().select().from(users).where(eq(users.id, storedNotes[1]!.authorId!));
    expect(ghost).toMatchObject({ userType: "placeholder", name: "Placeholder Old Timer" });
    expect(ghost!.username).toMatch(new RegExp(`^ghost-${gone}_placeholder_user_\\d+$`));

    const awards = await getDb().select().from(awardEmoji).where(inArray(awardEmoji.awardableId, [stored!.id, storedNotes[1]!.id]));
    const awardKeys = awards.filter((a) => (a.awardableType === "Epic" ? a.awardableId === stored!.id : a.awardableId === storedNotes[1]!.id)).map((a) => `${a.awardableType}:${a.name}:${a.userId}`);
    expect(awardKeys.sort()).toEqual([`Epic:thumbsup:${author!.id}`, `Epic:thumbsup:${ghost!.id}`, `Note:eyes:${author!.id}`].sort());

    const storedEvents = await getDb().select().from(events).where(and(eq(events.targetType, "Epic"), eq(events.targetId, stored!.id)));
    expect(storedEvents.map((e) => [e.action, e.authorId, e.groupId, e.sourceAttributes])).toEqual([["closed", author!.id, sub.id, { id: 1, target_type: "Epic" }]]);
    const stateEvents = await getDb().select().from(resourceStateEvents).where(eq(resourceStateEvents.epicId, stored!.id));
    expect(stateEvents.map((e) => [e.state, e.userId, e.closeAfterError, e.sourceAttributes])).toEqual([["closed", author!.id, false, { source_commit: null }]]);
    void owner;
  });

  it("refuses an epic whose iid another epic of the group has, instead of skipping it as already imported", async () => {
    const { entity } = await setup();
    await load(entity, rowsOf(entity, [record(201, 1)]));
    await expect(load(entity, rowsOf(entity, [record(202, 1)]))).rejects.toThrow();
  });
});

describe("epics pipeline: the hierarchy", () => {
  it("links a chain of epics loaded one per transaction, all at once, in any order: at insert when the parent had committed, the rest once the relation ends", async () => {
    const { sub, entity } = await setup();
    const n = 24;
    const records = Array.from({ length: n }, (_, i) => record(3000 + i, i + 1, i === 0 ? {} : { parent_id: 3000 + i - 1 }));
    // Shuffled, each in its own transaction, all running together: no load waits on another's.
    const shuffled = [...records].sort(() => Math.random() - 0.5);
    await Promise.all(shuffled.map((r) => load(entity, rowsOf(entity, [r]))));
    // An epic whose parent had committed when it loaded has it already; every other one waits for it by key.
    const loaded = await getDb().select().from(epics).where(eq(epics.groupId, sub.id));
    const iidOf = new Map(loaded.map((e) => [e.id, e.iid]));
    for (const epic of loaded.filter((e) => e.iid > 1)) {
      if (epic.parentId === null) expect(epic.importParentKey).toBe(`id:${3000 + epic.iid - 2}`);
      else expect([iidOf.get(epic.parentId), epic.importParentKey]).toEqual([epic.iid - 1, null]);
    }
    await finish(entity);
    expect(await parentsIn(sub.id)).toEqual(Object.fromEntries(records.map((_, i) => [i + 1, i === 0 ? null : i])));
    // Ending it again (a replayed job) changes nothing.
    await finish(entity);
    expect(await parentsIn(sub.id)).toEqual(Object.fromEntries(records.map((_, i) => [i + 1, i === 0 ? null : i])));
  });

  it("writes an epic with its parent when the parent is there already (loaded before, or earlier in the chunk), and a replayed chunk the same", async () => {
    const { sub, entity } = await setup();
    await load(entity, rowsOf(entity, [record(5001, 1), record(5002, 2, { parent_id: 5001 })]));
    // In the file's order 5 comes before its parent 4, but a chunk loads in iid order; 7's parent 8 comes after it.
    const next = rowsOf(entity, [record(5003, 3, { parent_id: 5001 }), record(5005, 5, { parent_id: 5004 }), record(5004, 4, { parent_id: 5003 }), record(5007, 7, { parent_id: 5008 }), record(5008, 8)]);
    await load(entity, next);
    const before = await getDb().select().from(epics).where(eq(epics.groupId, sub.id)).orderBy(epics.iid);
    const idOf = (iid: number) => before.find((e) => e.iid === iid)!.id;
    expect(before.map((e) => [e.iid, e.parentId, e.importParentKey])).toEqual([
      [1, null, null],
      [2, idOf(1), null],
      [3, idOf(1), null],
      [4, idOf(3), null],
      [5, idOf(4), null],
      [7, null, "id:5008"],
      [8, null, null],
    ]);
    // The same chunk again, with one new epic whose parent is in the chunk: nothing doubles, nothing points nowhere.
    await load(entity, [...next, ...rowsOf(entity, [record(5006, 6, { parent_id: 5004 })])]);
    await finish(entity);
    expect(await parentsIn(sub.id)).toEqual({ 1: null, 2: 1, 3: 1, 4: 3, 5: 4, 6: 4, 7: 8, 8: null });
  });

  it("links across entities whichever ends first, and when both end at the same time", async () => {
    for (const order of ["child first", "parent first", "together"] as const) {
      const { owner, root, sub, bulkImportId, entity } = await setup();
      const rootEntity = await entityFor(owner, root, bulkImportId);
      await load(entity, rowsOf(entity, [record(6002, 1, { parent_id: 6001 })]));
      await load(rootEntity, rowsOf(rootEntity, [record(6001, 1)]));
      if (order === "child first") await finish(entity).then(() => finish(rootEntity));
      else if (order === "parent first") await finish(rootEntity).then(() => finish(entity));
      else await Promise.all([finish(entity), finish(rootEntity)]);
      const [child] = await getDb().select().from(epics).where(and(eq(epics.groupId, sub.id), eq(epics.iid, 1)));
      const [parent] = await getDb().select().from(epics).where(and(eq(epics.groupId, root.id), eq(epics.iid, 1)));
      expect(child!.parentId, order).toBe(parent!.id);
    }
  });

  it("finds a parent in the parent group's entity of the same import, whichever loads first", async () => {
    const { owner, root, sub, bulkImportId, entity } = await setup();
    const rootEntity = await entityFor(owner, root, bulkImportId);
    await load(entity, rowsOf(entity, [record(4002, 1, { parent_id: 4001 })]));
    await finish(entity);
    await load(rootEntity, rowsOf(rootEntity, [record(4001, 1), record(4003, 2, { parent_id: 4004 })]));
    await finish(rootEntity);
    // A parent in a subgroup is not where GitLab allows one: the root's epic stays waiting.
    await load(entity, rowsOf(entity, [record(4004, 2)]));
    await finish(entity);
    const [child] = await getDb().select().from(epics).where(and(eq(epics.groupId, sub.id), eq(epics.iid, 1)));
    const [parent] = await getDb().select().from(epics).where(and(eq(epics.groupId, root.id), eq(epics.iid, 1)));
    expect(child!.parentId).toBe(parent!.id);
    const [waiting] = await getDb().select().from(epics).where(and(eq(epics.groupId, root.id), eq(epics.iid, 2)));
    expect(waiting).toMatchObject({ parentId: null, importParentKey: "id:4004" });
  });

  it("breaks a loop of epics that are each other's parents", async () => {
    const { sub, entity } = await setup();
    await load(entity, rowsOf(entity, [record(5001, 1, { parent_id: 5002 }), record(5002, 2, { parent_id: 5001 }), record(5003, 3, { parent_id: 5003 })]));
    await finish(entity);
    const parents = await parentsIn(sub.id);
    expect([parents[1], parents[2]].filter((p) => p !== null)).toHaveLength(1);
    expect(parents[3]).toBeNull();
    const [{ pending } = { pending: 0 }] = await getDb()
      .select({ pending: sql<number>`count(*)::int` })
      .from(epics)
      .where(and(eq(epics.groupId, sub.id), sql`${epics.importParentKey} IS NOT NULL`));
    expect(pending).toBe(2);
  });
});
