import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { importEntityFixture } from "@/test/helpers/import-entity";
import { getDb } from "./client";
import { copyRows } from "./copy-rows";
import { labels } from "./schema";

describe("copyRows", () => {
  it("writes every column type exactly through COPY's text format, with defaults where a row leaves a property out", async () => {
    const { groupId, entityId } = await importEntityFixture();
    const tricky = 'tab\there, back\\slash \\N \\t, quote " new\nline\r\nünïcödé 😀 {brace} NULL';
    const created = new Date("2020-02-03T04:05:06.789Z");
    const rows = [
      { groupId: groupId!, title: tricky, color: "#112233", description: null, importEntityId: entityId, importKey: "id:1", sourceAttributes: { nested: { text: tricky, list: [1, null, "x"] } }, createdAt: created, updatedAt: created },
      { groupId: groupId!, title: "\\N", color: "#445566", description: "", importEntityId: entityId, importKey: "id:2", sourceAttributes: {}, createdAt: created, updatedAt: created },
      { groupId: groupId!, title: "defaults", importEntityId: entityId, importKey: "id:3" },
    ];
    await getDb().transaction((tx) => copyRows(tx, labels, rows));
    const stored = await getDb().select().from(labels).where(eq(labels.importEntityId, entityId)).orderBy(labels.importKey);
    expect(stored.map((l) => [l.title, l.color, l.description, l.sourceAttributes, l.createdAt.toISOString()])).toEqual([
      [tricky, "#112233", null, { nested: { text: tricky, list: [1, null, "x"] } }, created.toISOString()],
      ["\\N", "#445566", "", {}, created.toISOString()],
      ["defaults", stored[2]!.color, null, {}, stored[2]!.createdAt.toISOString()],
    ]);
    expect(stored[2]!.color).toMatch(/^#/);
  });

  it("loads rows larger than one piece of the stream, and commits or rolls back with its transaction", async () => {
    const { groupId, entityId } = await importEntityFixture();
    const description = "x".repeat(300_000);
    const rows = Array.from({ length: 10 }, (_, i) => ({ groupId: groupId!, title: `big ${i}`, description, importEntityId: entityId, importKey: `id:${i}` }));
    await expect(
      getDb().transaction(async (tx) => {
        await copyRows(tx, labels, rows);
        throw new Error("roll back");
      }),
    ).rejects.toThrow("roll back");
    expect(await getDb().$count(labels, eq(labels.importEntityId, entityId))).toBe(0);
    await getDb().transaction((tx) => copyRows(tx, labels, rows));
    const stored = await getDb().select({ description: labels.description }).from(labels).where(eq(labels.importEntityId, entityId));
    expect(stored.map((row) => row.description?.length)).toEqual(Array(10).fill(300_000));
    // A conflict fails the whole COPY.
    await expect(getDb().transaction((tx) => copyRows(tx, labels, [{ ...rows[0]!, importKey: "id:other" }]))).rejects.toMatchObject({ code: "23505" });
  });
});
