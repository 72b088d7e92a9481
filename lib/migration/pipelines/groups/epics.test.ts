import { and, eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { bulkImportFailures, epics, getDb, notes, users } from "@/lib/db";
import { makeUser, unique } from "@/test/helpers/factories";
import { importSourceGroup } from "@/test/exchange/fixture-import";
import { runImportWorker } from "@/test/helpers/import-worker";
import { runTestSource } from "@/test/helpers/test-source";
import { importResult } from "@/test/helpers/imports";
import { fromRecords } from "@/test/source";
import { STATUS, TRACKER_STATUS } from "../../index";

runImportWorker("pgboss_epics_test");

const source = runTestSource({ version: "17.8.0-ee", batchSize: 1000, exportDelayMs: 20 }, (gitlab) => {
  gitlab.addUser({ id: 7001, username: "ada.lovelace", name: "Ada Lovelace" });
});

/** An epic record as GitLab exports it, with the fields a test cares about. */
const epic = (id: number, iid: number, parent?: { id: number; iid: number }, extra: Record<string, unknown> = {}) => ({
  id,
  iid,
  title: `Epic ${iid}`,
  description: null,
  author_id: 7001,
  state: "opened",
  created_at: "2024-01-02T03:04:05.000Z",
  updated_at: "2024-01-02T03:04:05.000Z",
  parent_id: parent?.id ?? null,
  ...(parent ? { parent: { id: parent.id, iid: parent.iid, title: `Epic ${parent.iid}` } } : {}),
  ...extra,
});

/** Serves `records` as a new source group's epics (split in batches of `batchSize`) and imports it. */
async function importEpics(records: unknown[], batchSize: number) {
  source().config.batchSize = batchSize;
  const group = source().addGroup({ path: unique("epics-src"), relations: { epics: fromRecords(records) } });
  const user = await makeUser();
  const imported = await importSourceGroup(source(), group.path, user, unique("epics"));
  const result = await importResult(imported.bulkImportId);
  const entry = result.get(group.path)!;
  const rows = await getDb().select().from(epics).where(eq(epics.groupId, entry.group!.id));
  const iidOf = new Map(rows.map((r) => [r.id, r.iid]));
  const parents = Object.fromEntries(rows.map((r) => [r.iid, r.parentId === null ? null : iidOf.get(r.parentId)!]));
  return { imported, entry, rows, parents, user };
}

describe("epics pipeline: the hierarchy", () => {
  it("links a child that comes before its parent in the file", async () => {
    const records = [epic(9103, 3, { id: 9102, iid: 2 }), epic(9102, 2, { id: 9101, iid: 1 }), epic(9101, 1), epic(9104, 4, { id: 9101, iid: 1 })];
    const { imported, entry, rows, parents } = await importEpics(records, 1000);
    expect(imported).toMatchObject({ status: STATUS.finished, hasFailures: false });
    expect(entry.trackers.get("epics")).toMatchObject({ status: TRACKER_STATUS.finished, sourceObjectsCount: 4, importedObjectsCount: 4 });
    expect(parents).toEqual({ 1: null, 2: 1, 3: 2, 4: 1 });
    expect(rows.every((r) => r.importParentKey === null)).toBe(true);
  });

  it("links children and parents that come in different batches, in either order", async () => {
    // Batches of two: [c1 c2] [x y] [p c3] [g]. c1 and c2 wait for p, c3 finds it, g (child of c1) finds c1.
    const p = { id: 9201, iid: 1 };
    const c1 = { id: 9202, iid: 2 };
    const records = [
      epic(c1.id, c1.iid, p),
      epic(9203, 3, p),
      epic(9204, 4),
      epic(9205, 5, { id: 9204, iid: 4 }),
      epic(p.id, p.iid),
      epic(9206, 6, p),
      epic(9207, 7, c1),
    ];
    const { imported, entry, parents } = await importEpics(records, 2);
    expect(imported).toMatchObject({ status: STATUS.finished, hasFailures: false });
    expect(entry.trackers.get("epics")).toMatchObject({ status: TRACKER_STATUS.finished, batched: true, importedObjectsCount: 7 });
    expect(parents).toEqual({ 1: null, 2: 1, 3: 1, 4: null, 5: 4, 6: 1, 7: 2 });
  });

  it("maps authors to placeholders named after the source user, and keeps an epic whose parent never comes", async () => {
    const records = [
      epic(9301, 1, { id: 99_999, iid: 42 }, {
        notes: [{ id: 1, note: "hello", author_id: 7001, author: { name: "Ada Lovelace" }, system: false, discussion_id: "d1" }],
      }),
    ];
    const { rows, entry } = await importEpics(records, 1000);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ parentId: null, importParentKey: "id:99999" });
    const [author] = await getDb().select().from(users).where(eq(users.id, rows[0]!.authorId!));
    expect(author).toMatchObject({ userType: "placeholder", name: "Placeholder Ada Lovelace" });
    expect(author!.username).toMatch(/^ada\.lovelace_placeholder_user_\d+$/);
    const [note] = await getDb().select().from(notes).where(and(eq(notes.noteableType, "Epic"), eq(notes.noteableId, rows[0]!.id)));
    expect(note).toMatchObject({ authorId: author!.id, note: "hello", discussionId: "d1" });
    const failures = await getDb().select({ n: sql<number>`count(*)::int` }).from(bulkImportFailures).where(eq(bulkImportFailures.entityId, entry.entity.id));
    expect(failures[0]!.n).toBe(0);
  });
});
