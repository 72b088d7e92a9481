import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { importEntityFixture } from "@/test/helpers/import-entity";
import { getDb } from "./client";
import { copyRows } from "./copy-rows";
import { labels } from "./schema";

describe("copyRows", () => {
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
