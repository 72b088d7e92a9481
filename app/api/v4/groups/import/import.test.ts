import fs from "node:fs";
import { and, eq, inArray, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { appSettings, badges, boards, bulkImportEntities, bulkImports, epics, getDb, groupMembers, groups, labels, milestones } from "@/lib/db";
import { createGroup } from "@/lib/groups";
import { STATUS } from "@/lib/migration";
import { importsRoot } from "@/lib/migration/file-import/archive-store";
import { fixtureCount, fixtureMembers, importRequest, tarGzOf } from "@/lib/migration/file-import/test-archives";
import { tokenFor } from "@/test/helpers/api";
import { makeUser, unique } from "@/test/helpers/factories";
import { importResult, importStoreRemoved, waitForImports } from "@/test/helpers/imports";
import { runImportWorker } from "@/test/helpers/import-worker";
import { POST } from "./route";

runImportWorker("pgboss_file_import_test");

const post = async (request: Request) => {
  const response = await POST(request, { params: Promise.resolve({}) });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
};

/** The newest file import of the user, with its entities. */
async function latestImport(userId: number) {
  const [row] = await getDb().select().from(bulkImports).where(eq(bulkImports.userId, userId)).orderBy(sql`${bulkImports.id} desc`).limit(1);
  return row;
}

const COUNTED = { labels, milestones, badges, boards, epics } as const;

async function countsOf(groupId: number) {
  const out: Record<string, number> = {};
  for (const [relation, table] of Object.entries(COUNTED)) {
    const [row] = await getDb().select({ n: sql<number>`count(*)::int` }).from(table).where(eq(table.groupId, groupId));
    out[relation] = row!.n;
  }
  return out;
}

describe("POST /groups/import", () => {
  for (const dotSlash of [true, false]) {
    it(`imports GitLab's complex group export with its subgroups, every relation's count equal (members ${dotSlash ? "with" : "without"} ./)`, async () => {
      const user = await makeUser();
      const parent = await createGroup(user, { name: "Landing", path: unique("landing"), visibility: "internal" });
      const path = unique("imported");
      const archive = await tarGzOf(fixtureMembers("complex", { dotSlash }));
      const answer = await post(importRequest({ name: "Imported group", path, parent_id: String(parent.id) }, archive, await tokenFor(user.id)));
      expect(answer).toEqual({ status: 202, body: { message: "202 Accepted" } });

      const bulkImport = await latestImport(user.id);
      expect(bulkImport).toMatchObject({ sourceType: "file" });
      const [ended] = await waitForImports([bulkImport!.id]);
      expect(ended).toMatchObject({ status: STATUS.finished });
      const result = await importResult(bulkImport!.id);
      const byXid = new Map([...result.values()].map((entry) => [entry.entity.sourceXid!, entry]));
      expect([...byXid.keys()].sort()).toEqual([4351, 4352, 4353]);

      const root = byXid.get(4351)!;
      // The root takes the request's name and path, under the parent; subgroups their exported ones, under it.
      expect(root.group).toMatchObject({ name: "Imported group", fullPath: `${parent.fullPath}/${path}` });
      for (const id of [4352, 4353]) expect(byXid.get(id)!.group!.parentId).toBe(root.group!.id);
      for (const [id, entry] of byXid) {
        expect(entry.entity.status, `entity ${id}`).toBe(STATUS.finished);
        const counts = await countsOf(entry.group!.id);
        for (const relation of Object.keys(COUNTED)) {
          expect(counts[relation], `${id} ${relation}`).toBe(fixtureCount("complex", id, relation));
          const tracker = entry.trackers.get(relation);
          if (fixtureCount("complex", id, relation) > 0) expect(tracker, `${id} ${relation}`).toMatchObject({ sourceObjectsCount: fixtureCount("complex", id, relation), importedObjectsCount: fixtureCount("complex", id, relation) });
        }
        // Members map by email, else to placeholders: one membership per exported member besides the importer's.
        const members = await getDb().select().from(groupMembers).where(eq(groupMembers.groupId, entry.group!.id));
        expect(members.length).toBeGreaterThanOrEqual(fixtureCount("complex", id, "members"));
        expect(entry.failures.filter((f) => f.relation === "group" || f.relation === "subgroups")).toEqual([]);
      }
      // The store of the archive is given back once the import has ended.
      expect(await importStoreRemoved(bulkImport!.id)).toBe(true);
    });
  }

  it("refuses a hostile archive with GitLab's message, leaving no group, no import and no file behind", async () => {
    const user = await makeUser();
    const token = await tokenFor(user.id);
    const path = unique("hostile");
    const archive = await tarGzOf([...fixtureMembers("complex"), { header: { name: "./tree/groups/4351/x.ndjson", type: "link", linkname: "./VERSION" } }]);
    expect(await post(importRequest({ name: "Hostile", path }, archive, token))).toEqual({ status: 400, body: { message: "File shares hard link" } });
    const truncated = (await tarGzOf(fixtureMembers("complex"))).subarray(0, 300);
    expect((await post(importRequest({ name: "Hostile", path }, truncated, token))).body.message).toMatch(/truncated/);
    const legacy = await tarGzOf([{ header: { name: "./VERSION" }, data: Buffer.from("0.2.4") }, { header: { name: "./group.json" }, data: Buffer.from("{}") }]);
    expect(await post(importRequest({ name: "Hostile", path }, legacy, token))).toEqual({ status: 400, body: { message: "The import file is incompatible" } });
    expect(await getDb().select().from(groups).where(eq(groups.path, path))).toEqual([]);
    expect(await latestImport(user.id)).toBeUndefined();
    expect((fs.existsSync(importsRoot()) ? fs.readdirSync(importsRoot()) : []).filter((name) => name.startsWith("upload-"))).toEqual([]);
  });

  it("answers GitLab's errors for missing parameters, a parent the user cannot see, the switch and the size limit", async () => {
    const user = await makeUser();
    const token = await tokenFor(user.id);
    const archive = await tarGzOf(fixtureMembers("complex"));
    expect(await post(importRequest({ path: unique("p") }, archive, token))).toEqual({ status: 400, body: { error: "name is missing" } });
    expect(await post(importRequest({ name: "x", path: unique("p") }, null, token))).toEqual({ status: 400, body: { error: "file is missing" } });
    const stranger = await createGroup(await makeUser(), { name: "Other", path: unique("other") });
    expect((await post(importRequest({ name: "x", path: unique("p"), parent_id: String(stranger.id) }, archive, token))).status).toBe(404);
    const taken = await createGroup(user, { name: "Taken", path: unique("taken") });
    const clash = await post(importRequest({ name: "x", path: taken.path }, archive, token));
    expect(clash.status).toBe(400);
    expect(clash.body.message).toMatch(/^Failed to save group/);
    expect(await post(importRequest({ name: "x", path: unique("p") }, archive))).toMatchObject({ status: 401 });
  });

  it("obeys the administrator: file import off is a 403, the largest import file a 400, the rate limit a 429", async () => {
    const user = await makeUser();
    const token = await tokenFor(user.id);
    const archive = await tarGzOf(fixtureMembers("complex"));
    const set = (values: Partial<typeof appSettings.$inferInsert>) =>
      getDb().insert(appSettings).values({ id: 1, ...values }).onConflictDoUpdate({ target: appSettings.id, set: values });
    try {
      await set({ fileImportEnabled: false });
      expect((await post(importRequest({ name: "x", path: unique("p") }, archive, token))).status).toBe(403);
      await set({ fileImportEnabled: true, maxImportSizeMb: 1 });
      const big = Buffer.concat([archive, Buffer.alloc(1024 * 1024 + 1)]);
      expect(await post(importRequest({ name: "x", path: unique("p") }, big, token))).toEqual({ status: 400, body: { message: "File is too big (over 1 MiB)." } });
      await set({ maxImportSizeMb: 0, groupImportLimit: 2 });
      // A fresh user: the uses above counted for the first one.
      const fresh = await tokenFor((await makeUser()).id);
      const statuses: number[] = [];
      for (let i = 0; i < 3; i++) statuses.push((await post(importRequest({ name: "x" }, archive, fresh))).status);
      expect(statuses).toEqual([400, 400, 429]);
    } finally {
      await set({ fileImportEnabled: true, maxImportSizeMb: 0, groupImportLimit: 6 });
    }
    const rows = await getDb().select().from(bulkImportEntities).where(and(eq(bulkImportEntities.destinationSlug, "x"), inArray(bulkImportEntities.status, [STATUS.created])));
    expect(rows).toEqual([]);
  });
});
