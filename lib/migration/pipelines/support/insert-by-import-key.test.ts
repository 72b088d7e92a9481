import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb, labels } from "@/lib/db";
import { importEntityFixture } from "@/test/helpers/import-entity";
import { insertNew } from "./insert-by-import-key";

describe("insertNew", () => {
  it("loads a new chunk, then only what a replayed or overlapping chunk adds, with the ids of the rows it inserted", async () => {
    const { groupId, entityId } = await importEntityFixture();
    const row = (i: number) => ({ groupId: groupId!, title: `label ${i}`, importEntityId: entityId, importKey: `id:${i}` });
    const first = Array.from({ length: 500 }, (_, i) => row(i));
    const ids = await getDb().transaction((tx) => insertNew(tx, labels, first, { ids: true }));
    const stored = async () => new Map((await getDb().select({ id: labels.id, key: labels.importKey }).from(labels).where(eq(labels.importEntityId, entityId))).map((l) => [l.key!, l.id]));
    expect(ids).toEqual(await stored());
    expect(ids.size).toBe(500);

    // Replayed whole: nothing new, no error.
    expect(await getDb().transaction((tx) => insertNew(tx, labels, first, { ids: true }))).toEqual(new Map());
    // Overlapping (the crash came half-way through a file): only the new rows, with their ids.
    const overlapping = Array.from({ length: 500 }, (_, i) => row(250 + i));
    const added = await getDb().transaction((tx) => insertNew(tx, labels, overlapping, { ids: true }));
    expect([...added.keys()].sort()).toEqual(Array.from({ length: 250 }, (_, i) => `id:${500 + i}`).sort());
    const all = await stored();
    expect(all.size).toBe(750);
    for (const [key, id] of added) expect(all.get(key)).toBe(id);
    // The same record twice in one chunk goes in once.
    await getDb().transaction((tx) => insertNew(tx, labels, [row(900), row(900)]));
    expect((await stored()).has("id:900")).toBe(true);
    expect((await stored()).size).toBe(751);
  });

  it("still refuses any other conflict, and leaves the transaction usable after a fallback", async () => {
    const { groupId, entityId } = await importEntityFixture();
    await getDb().transaction((tx) => insertNew(tx, labels, [{ groupId: groupId!, title: "taken", importEntityId: entityId, importKey: "id:1" }]));
    await expect(getDb().transaction((tx) => insertNew(tx, labels, [{ groupId: groupId!, title: "taken", importEntityId: entityId, importKey: "id:2" }]))).rejects.toMatchObject({ cause: { code: "23505" } });
    const count = await getDb().transaction(async (tx) => {
      await insertNew(tx, labels, [{ groupId: groupId!, title: "taken", importEntityId: entityId, importKey: "id:1" }, { groupId: groupId!, title: "fresh", importEntityId: entityId, importKey: "id:3" }]);
      return tx.$count(labels, eq(labels.importEntityId, entityId));
    });
    expect(count).toBe(2);
  });
});
