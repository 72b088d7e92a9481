import { eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { importEntityFixture } from "@/test/helpers/import-entity";
import { bulkInsert } from "./bulk-insert";
import { getDb, type Tx } from "./client";
import { copyRows } from "./copy-rows";
import { labels } from "./schema";

// The two bulk loaders write the same rows: an INSERT with a text array per column, and COPY's text format.
const loaders: Record<string, (tx: Tx, rows: (typeof labels.$inferInsert)[]) => Promise<unknown>> = {
  bulkInsert: (tx: Tx, rows: (typeof labels.$inferInsert)[]) => bulkInsert(tx, labels, rows),
  copyRows: (tx: Tx, rows: (typeof labels.$inferInsert)[]) => copyRows(tx, labels, rows),
};

describe.each(Object.entries(loaders))("%s", (_name, load) => {
  it("writes every column type exactly, with defaults where a row leaves a property out", async () => {
    const { groupId, entityId } = await importEntityFixture();
    const tricky = 'quote " backslash \\ \\N \\t comma , brace { } NULL ünïcödé 😀\ttab\nnew line\r\n';
    const created = new Date("2020-02-03T04:05:06.789Z");
    const rows = [
      { groupId: groupId!, title: tricky, color: "#112233", description: null, importEntityId: entityId, importKey: "id:1", sourceAttributes: { nested: { text: tricky, list: [1, null, "x"] } }, createdAt: created, updatedAt: created },
      { groupId: groupId!, title: "\\N", color: "#445566", description: "", importEntityId: entityId, importKey: "id:2", sourceAttributes: {}, createdAt: created, updatedAt: created },
      // No color, no dates: the columns' defaults.
      { groupId: groupId!, title: "defaults", importEntityId: entityId, importKey: "id:3" },
      // The first row's columns in another order, after a row of others; then as many columns as the row before, not the same.
      { importKey: "id:4", updatedAt: created, createdAt: created, sourceAttributes: {}, importEntityId: entityId, description: "r", color: "#778899", title: "reordered", groupId: groupId! },
      { groupId: groupId!, title: "no key", importEntityId: entityId, description: "k" },
    ];
    await getDb().transaction((tx) => load(tx, rows));
    const stored = await getDb().select().from(labels).where(eq(labels.importEntityId, entityId)).orderBy(labels.importKey);
    expect(stored.map((l) => [l.title, l.color, l.description, l.sourceAttributes, l.createdAt.toISOString()])).toEqual([
      [tricky, "#112233", null, { nested: { text: tricky, list: [1, null, "x"] } }, created.toISOString()],
      ["\\N", "#445566", "", {}, created.toISOString()],
      ["defaults", stored[2]!.color, null, {}, stored[2]!.createdAt.toISOString()],
      ["reordered", "#778899", "r", {}, created.toISOString()],
      ["no key", stored[4]!.color, "k", {}, stored[4]!.createdAt.toISOString()],
    ]);
    expect(stored.map((l) => l.importKey)).toEqual(["id:1", "id:2", "id:3", "id:4", null]);
    expect(stored[2]!.color).toMatch(/^#/);
    expect(Date.now() - stored[2]!.createdAt.getTime()).toBeLessThan(3_600_000);
  });
});

describe("bulk insert", () => {
  it("returns what the suffix asks for", async () => {
    const { groupId, entityId } = await importEntityFixture();
    const rows = [1, 2, 3].map((i) => ({ groupId: groupId!, title: `label ${i}`, importEntityId: entityId, importKey: `id:${i}` }));
    const returned = await getDb().transaction((tx) => bulkInsert<typeof labels, { key: string }>(tx, labels, rows, sql`RETURNING import_key AS key`));
    expect(returned.map((r) => r.key).sort()).toEqual(["id:1", "id:2", "id:3"]);
  });

  it("loads a thousand rows in one statement, and skips or refuses conflicts as the suffix says", async () => {
    const { groupId, entityId } = await importEntityFixture();
    const rows = Array.from({ length: 1000 }, (_, i) => ({ groupId: groupId!, title: `label ${i}`, importEntityId: entityId, importKey: `id:${i}` }));
    const skip = sql`ON CONFLICT (import_entity_id, import_key) WHERE import_key IS NOT NULL DO NOTHING RETURNING id`;
    expect(await getDb().transaction((tx) => bulkInsert(tx, labels, rows, skip))).toHaveLength(1000);
    expect(await getDb().transaction((tx) => bulkInsert(tx, labels, rows, skip))).toHaveLength(0);
    // The same title under another import key: a real conflict, which the caller turns into one failure.
    await expect(getDb().transaction((tx) => bulkInsert(tx, labels, [{ ...rows[0]!, importKey: "id:other" }], skip))).rejects.toThrow();
  });
});
