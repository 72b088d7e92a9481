import { eq, inArray } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { epics, getDb, groups, notes, uploads } from "@/lib/db";
import type { SourceClient } from "@/lib/gitlab";
import { importEntityFixture } from "@/test/helpers/import-entity";
import type { EntityContext } from "../support/types";
import { uploadsReferencesPipeline } from "./uploads-references";

const S1 = "72a497a02fe3ee09edae2ed06d390038";
const S2 = "0123456789abcdef0123456789abcdef";
const run = (entity: EntityContext) => uploadsReferencesPipeline.run({ entity, client: null as unknown as SourceClient, db: getDb() });

async function importedUpload(entity: EntityContext, secret: string, filename: string) {
  await getDb().insert(uploads).values({ groupId: entity.groupId!, secret, filename, storagePath: `group/${entity.groupId}/${secret}/${filename}`, size: 1, sha256: "0", importEntityId: entity.entityId, importKey: `${secret}/${filename}` });
}

const epic = (entity: EntityContext, iid: number, description: string | null, importEntityId: number | null = entity.entityId) => ({
  groupId: entity.groupId!,
  iid,
  title: `Epic ${iid}`,
  description,
  importEntityId,
  importKey: importEntityId ? `id:${iid}` : null,
});

describe("uploads_references pipeline", () => {
  it("rewrites links in this entity's epics and notes, page by page, touching only rows that mention uploads, and again to the same result", async () => {
    const entity = await importEntityFixture({ sourceUrl: "https://gitlab.example.com", sourceFullPath: "acme/web" });
    const other = await importEntityFixture();
    await importedUpload(entity, S1, "pixel.png");
    await importedUpload(entity, S2, "notes.txt");
    const [group] = await getDb().select().from(groups).where(eq(groups.id, entity.groupId!));
    const ferry = `/groups/${group!.fullPath}/-/uploads`;
    const db = getDb();

    // More rows than one page (500), so that the keyset pagination has to carry on.
    const linking = Array.from({ length: 620 }, (_, i) => epic(entity, i + 1, `${i}: ![p](/uploads/${S1}/pixel.png)`));
    const inserted = await db.insert(epics).values([
      ...linking,
      epic(entity, 1001, "no attachments here"),
      epic(entity, 1002, null),
      epic(entity, 1003, `[gone](/uploads/${S2}/gone.txt)`),
      epic(entity, 1004, `[abs](https://gitlab.example.com/groups/acme/web/-/uploads/${S2}/notes.txt)`),
      // Written in Ferry, not imported: left alone even though it names an upload the group has.
      epic(entity, 1005, `![p](/uploads/${S1}/pixel.png)`, null),
    ]).returning({ id: epics.id, iid: epics.iid, updatedAt: epics.updatedAt });
    const [otherEpic] = await db.insert(epics).values(epic(other, 1, `![p](/uploads/${S1}/pixel.png)`)).returning({ id: epics.id });
    const noteOn = (text: string, importEntityId: number | null, key: string) => ({ groupId: entity.groupId!, noteableType: "Epic", noteableId: inserted[0]!.id, note: text, importEntityId, importKey: importEntityId ? key : null });
    const insertedNotes = await db.insert(notes).values([noteOn(`See [notes](/uploads/${S2}/notes.txt "n")`, entity.entityId, "n1"), noteOn(`Ferry's own [notes](/uploads/${S2}/notes.txt)`, null, "n2")]).returning({ id: notes.id });

    const counts = await run(entity);
    // 620 + gone + absolute epics and one note mention uploads; all but "gone" now link to Ferry's copies.
    expect(counts).toEqual({ source: 623, fetched: 623, imported: 622 });
    const byIid = new Map((await db.select().from(epics).where(eq(epics.groupId, entity.groupId!))).map((e) => [e.iid, e]));
    expect(byIid.get(1)!.description).toBe(`0: ![p](${ferry}/${S1}/pixel.png)`);
    expect(byIid.get(620)!.description).toBe(`619: ![p](${ferry}/${S1}/pixel.png)`);
    expect(byIid.get(1001)!.description).toBe("no attachments here");
    expect(byIid.get(1002)!.description).toBeNull();
    expect(byIid.get(1003)!.description).toBe(`[gone](/uploads/${S2}/gone.txt)`);
    expect(byIid.get(1004)!.description).toBe(`[abs](${ferry}/${S2}/notes.txt)`);
    expect(byIid.get(1005)!.description).toBe(`![p](/uploads/${S1}/pixel.png)`);
    // A rewrite is not an edit: timestamps stay as imported.
    expect(byIid.get(1)!.updatedAt).toEqual(inserted[0]!.updatedAt);
    const [otherRow] = await db.select().from(epics).where(eq(epics.id, otherEpic!.id));
    expect(otherRow!.description).toBe(`![p](/uploads/${S1}/pixel.png)`);
    const noteRows = await db.select().from(notes).where(inArray(notes.id, insertedNotes.map((n) => n.id))).orderBy(notes.id);
    expect(noteRows.map((n) => n.note)).toEqual([`See [notes](${ferry}/${S2}/notes.txt "n")`, `Ferry's own [notes](/uploads/${S2}/notes.txt)`]);

    // A replay (the job delivered twice) finds everything rewritten and counts the same.
    const snapshot = await db.select({ id: epics.id, description: epics.description }).from(epics).where(eq(epics.groupId, entity.groupId!)).orderBy(epics.id);
    expect(await run(entity)).toEqual(counts);
    expect(await db.select({ id: epics.id, description: epics.description }).from(epics).where(eq(epics.groupId, entity.groupId!)).orderBy(epics.id)).toEqual(snapshot);
  });

  it("does nothing when the entity imported no uploads", async () => {
    const entity = await importEntityFixture();
    const [row] = await getDb().insert(epics).values(epic(entity, 1, `![p](/uploads/${S1}/pixel.png)`)).returning();
    expect(await run(entity)).toEqual({ source: 0, fetched: 0, imported: 0 });
    const [after] = await getDb().select().from(epics).where(eq(epics.id, row!.id));
    expect(after!.description).toBe(row!.description);
  });
});
