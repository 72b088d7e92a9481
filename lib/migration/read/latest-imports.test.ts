import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { bulkImportEntities, bulkImports, bulkImportTrackers, getDb } from "@/lib/db";
import { createGroup } from "@/lib/groups";
import { STATUS, TRACKER_STATUS } from "../status";
import { makeUser, unique } from "@/test/helpers/factories";
import { latestImports } from "./latest-imports";

const SOURCE = "https://gitlab.example.com";

async function bulkImport(userId: number, options: { sourceUrl?: string; createdAt?: string } = {}) {
  const [row] = await getDb()
    .insert(bulkImports)
    .values({
      userId,
      sourceUrl: options.sourceUrl ?? SOURCE,
      sourceVersion: "17.8.0",
      tokenCiphertext: "v1:not:a:token",
      createdAt: options.createdAt ? new Date(options.createdAt) : undefined,
    })
    .returning();
  return row!;
}

async function entity(bulkImportId: number, values: Partial<typeof bulkImportEntities.$inferInsert> & { sourceFullPath: string }) {
  const [row] = await getDb()
    .insert(bulkImportEntities)
    .values({ bulkImportId, sourceType: "group_entity", destinationSlug: values.sourceFullPath, destinationNamespace: "", ...values })
    .returning();
  return row!;
}

async function tracker(entityId: number, relation: string, status: number, imported: number, source: number | null) {
  await getDb()
    .insert(bulkImportTrackers)
    .values({ entityId, relation, stage: 1, status, importedObjectsCount: imported, sourceObjectsCount: source });
}

describe("latestImports", () => {
  it("speaks for the whole group tree: importing while a subgroup is, partial when a subgroup had failures", async () => {
    const user = await makeUser();
    const top = unique("tree");
    const running = await bulkImport(user.id);
    const root = await entity(running.id, { sourceFullPath: top, status: STATUS.finished });
    const child = await entity(running.id, { sourceFullPath: `${top}/sub`, parentId: root.id, status: STATUS.started });
    const grandchild = await entity(running.id, { sourceFullPath: `${top}/sub/deep`, parentId: child.id, status: STATUS.finished, hasFailures: true });
    await tracker(root.id, "labels", TRACKER_STATUS.finished, 3, 3);
    await tracker(grandchild.id, "labels", TRACKER_STATUS.finished, 4, 5);
    // Its projects ("Import with projects"): one done, one still importing.
    await entity(running.id, { sourceType: "project_entity", sourceFullPath: `${top}/app`, parentId: root.id, status: STATUS.finished });
    const project = await entity(running.id, { sourceType: "project_entity", sourceFullPath: `${top}/sub/lib`, parentId: child.id, status: STATUS.started });
    let found = (await latestImports(user.id, SOURCE, [top])).get(top)!;
    expect(found.status).toBe(STATUS.started);
    expect(found.progress).toMatchObject({ imported: 7, source: 8, relationsDone: 2, relationsTotal: 2 });
    expect(found.projects).toEqual({ done: 1, total: 2 });
    await getDb().update(bulkImportEntities).set({ status: STATUS.finished }).where(eq(bulkImportEntities.id, child.id));
    // Still importing while a project is.
    expect((await latestImports(user.id, SOURCE, [top])).get(top)!.status).toBe(STATUS.started);
    // A project that failed leaves the tree partially completed.
    await getDb().update(bulkImportEntities).set({ status: STATUS.failed }).where(eq(bulkImportEntities.id, project.id));
    await getDb().update(bulkImportEntities).set({ hasFailures: false }).where(eq(bulkImportEntities.id, grandchild.id));
    found = (await latestImports(user.id, SOURCE, [top])).get(top)!;
    expect([found.status, found.hasFailures, found.projects]).toEqual([STATUS.finished, true, { done: 2, total: 2 }]);
  });

  it("gives the newest import of each source group, with its destination and progress", async () => {
    const user = await makeUser();
    const [a, b, c] = [unique("src-a"), unique("src-b"), unique("src-never")];

    // An old import of `a`, then a newer one still running; only the newer one counts.
    const older = await bulkImport(user.id, { createdAt: "2025-01-01T00:00:00Z" });
    await entity(older.id, { sourceFullPath: a, status: STATUS.failed, hasFailures: true, createdAt: new Date("2025-01-01T00:00:00Z") });
    const newer = await bulkImport(user.id);
    const parent = await createGroup(user, { name: unique("Parent"), path: unique("parent") });
    const running = await entity(newer.id, { sourceFullPath: a, status: STATUS.started, destinationNamespace: parent.fullPath, destinationSlug: "new-a" });
    await tracker(running.id, "group", TRACKER_STATUS.finished, 1, 1);
    await tracker(running.id, "labels", TRACKER_STATUS.started, 40, 100);
    await tracker(running.id, "milestones", TRACKER_STATUS.skipped, 0, null);
    await tracker(running.id, "badges", TRACKER_STATUS.failed, 2, 5);
    // A subgroup of `a` found during the import is an entity of the same import, but not a row of the page.
    await entity(newer.id, { sourceFullPath: `${a}/sub`, status: STATUS.created, parentId: running.id });

    // `b` was imported and created: the link goes to the group it became, even if its path was changed since.
    const created = await createGroup(user, { name: unique("Done"), path: unique("done") });
    const finished = await entity(newer.id, { sourceFullPath: b, status: STATUS.finished, hasFailures: true, destinationSlug: "asked-for", namespaceId: created.id });

    const found = await latestImports(user.id, SOURCE, [a, b, c]);
    expect([...found.keys()].sort()).toEqual([a, b].sort());
    expect(found.get(a)).toEqual({
      sourceFullPath: a,
      entityId: running.id,
      bulkImportId: newer.id,
      status: STATUS.started,
      hasFailures: false,
      destinationFullPath: `${parent.fullPath}/new-a`,
      destinationNamespace: parent.fullPath,
      destinationSlug: "new-a",
      destinationParentId: parent.id,
      createdAt: expect.any(Date),
      // The failed relation (badges) is done too: it will not move again. (This page once said 2 of 4.)
      progress: { relationsDone: 3, relationsTotal: 4, imported: 43, source: 106, percent: 85 },
      projects: { done: 0, total: 0 },
    });
    expect(found.get(b)).toMatchObject({
      entityId: finished.id,
      status: STATUS.finished,
      hasFailures: true,
      destinationFullPath: created.fullPath,
      destinationParentId: null,
      progress: { relationsDone: 0, relationsTotal: 0, imported: 0, source: null, percent: 0 },
    });
  });

  it("sees only the user's imports from the same source", async () => {
    const [user, someoneElse] = [await makeUser(), await makeUser()];
    const path = unique("shared");
    const mine = await bulkImport(user.id);
    const mineEntity = await entity(mine.id, { sourceFullPath: path, status: STATUS.finished, destinationNamespace: "somewhere", destinationSlug: "x" });
    // Newer, but another user's, or another source's: neither may show on this user's page.
    await entity((await bulkImport(someoneElse.id)).id, { sourceFullPath: path, status: STATUS.started });
    await entity((await bulkImport(user.id, { sourceUrl: "https://other.example.com" })).id, { sourceFullPath: path, status: STATUS.failed });

    const found = await latestImports(user.id, SOURCE, [path]);
    expect(found.get(path)).toMatchObject({ entityId: mineEntity.id, destinationFullPath: "somewhere/x", destinationParentId: null });
    expect((await latestImports(someoneElse.id, SOURCE, [path])).get(path)?.status).toBe(STATUS.started);
    expect((await latestImports(user.id, "https://other.example.com", [path])).get(path)?.status).toBe(STATUS.failed);
  });

  it("breaks ties between imports made in the same instant by id", async () => {
    const user = await makeUser();
    const path = unique("tie");
    const at = new Date("2026-03-01T12:00:00Z");
    const first = await bulkImport(user.id);
    await entity(first.id, { sourceFullPath: path, status: STATUS.failed, createdAt: at });
    const second = await bulkImport(user.id);
    const latest = await entity(second.id, { sourceFullPath: path, status: STATUS.created, createdAt: at });
    expect((await latestImports(user.id, SOURCE, [path])).get(path)?.entityId).toBe(latest.id);
  });

  it("answers an empty page without asking the database, and a page in one query", async () => {
    const user = await makeUser();
    expect((await latestImports(user.id, SOURCE, [])).size).toBe(0);
    const paths = Array.from({ length: 100 }, () => unique("p"));
    const imp = await bulkImport(user.id);
    for (const path of paths.slice(0, 30)) await entity(imp.id, { sourceFullPath: path });
    const pool = getDb().$client;
    const queries: string[] = [];
    const original = pool.query.bind(pool);
    // Counts what reaches the pool while the page is read: one statement, whatever the page size.
    pool.query = ((...args: Parameters<typeof original>) => {
      queries.push(String((args[0] as { text?: string }).text ?? args[0]));
      return original(...args);
    }) as typeof pool.query;
    try {
      expect((await latestImports(user.id, SOURCE, paths)).size).toBe(30);
    } finally {
      pool.query = original;
    }
    expect(queries).toHaveLength(1);
    expect(queries[0]).toContain("DISTINCT ON");
  });
});
