import { describe, expect, it, vi } from "vitest";
import { bulkImportBatchTrackers, bulkImportEntities, bulkImportFailures, bulkImports, bulkImportTrackers, getDb, getPool, groups } from "@/lib/db";
import { makeUser, unique } from "@/test/helpers/factories";
import { entityProgress, getBulkImportDetails, getRealtimeChanges, listEntityFailures, listImportHistory } from "./history";
import { STATUS, TRACKER_STATUS } from "./status";

const viewer = (u: { id: number; isAdmin: boolean }) => ({ id: u.id, isAdmin: u.isAdmin });
const at = (seconds: number) => new Date(Date.UTC(2025, 0, 1, 12, 0, seconds));

async function makeImport(userId: number, overrides: Partial<typeof bulkImports.$inferInsert> = {}) {
  const [row] = await getDb()
    .insert(bulkImports)
    .values({ userId, sourceUrl: "https://gitlab.example.com/", sourceVersion: "17.5.0", tokenCiphertext: "x", ...overrides })
    .returning();
  return row!;
}

async function makeEntity(bulkImportId: number, overrides: Partial<typeof bulkImportEntities.$inferInsert> = {}) {
  const [row] = await getDb()
    .insert(bulkImportEntities)
    .values({ bulkImportId, sourceType: "group_entity", sourceFullPath: unique("src"), destinationSlug: unique("dst"), destinationNamespace: "", ...overrides })
    .returning();
  return row!;
}

async function makeTracker(entityId: number, relation: string, overrides: Partial<typeof bulkImportTrackers.$inferInsert> = {}) {
  const [row] = await getDb()
    .insert(bulkImportTrackers)
    .values({ entityId, relation, stage: 1, ...overrides })
    .returning();
  return row!;
}

describe("listImportHistory", () => {
  it("lists the user's entities newest first with source URL, destination, status and per-relation counts", async () => {
    const [user, other] = await Promise.all([makeUser(), makeUser()]);
    const path = unique("dest");
    const [group] = await getDb().insert(groups).values({ name: "Dest", path, fullPath: `parent/${path}`, fullName: "Parent / Dest" }).returning();
    const bulk = await makeImport(user.id, { status: STATUS.started });
    const created = await makeEntity(bulk.id, { sourceFullPath: "acme/web", destinationNamespace: "parent", destinationSlug: path, namespaceId: group!.id, status: STATUS.started, createdAt: at(0) });
    const pending = await makeEntity(bulk.id, { sourceFullPath: "acme/web/api", sourceType: "project_entity", destinationNamespace: "parent/web", destinationSlug: "api", createdAt: at(5) });
    await makeTracker(created.id, "self", { stage: 0, status: TRACKER_STATUS.finished, sourceObjectsCount: 1, fetchedObjectsCount: 1, importedObjectsCount: 1 });
    await makeTracker(created.id, "labels", { stage: 1, status: TRACKER_STATUS.finished, sourceObjectsCount: 10, fetchedObjectsCount: 10, importedObjectsCount: 9 });
    await makeTracker(created.id, "milestones", { stage: 1, status: TRACKER_STATUS.started, sourceObjectsCount: 4, fetchedObjectsCount: 2, importedObjectsCount: 2 });
    await makeTracker(created.id, "boards", { stage: 2 });
    await getDb().insert(bulkImportFailures).values({ entityId: created.id, relation: "labels", pipelineClass: "LabelsPipeline", pipelineStep: "loader", exceptionClass: "ValidationError", exceptionMessage: "Title has already been taken" });
    await makeEntity((await makeImport(other.id)).id, { sourceFullPath: "not/mine" });

    const { rows, total, totalPages } = await listImportHistory(viewer(user));
    expect(total).toBe(2);
    expect(totalPages).toBe(1);
    expect(rows.map((r) => r.id)).toEqual([pending.id, created.id]);
    expect(rows[0]).toMatchObject({
      sourceType: "project",
      destinationFullPath: "parent/web/api",
      destinationGroupId: null,
      humanStatus: "Pending",
      hasFailures: false,
      relations: [],
      progress: { relationsDone: 0, relationsTotal: 0, percent: 0 },
    });
    const row = rows[1]!;
    expect(row).toMatchObject({
      sourceFullPath: "acme/web",
      sourceWebUrl: "https://gitlab.example.com/acme/web",
      destinationFullPath: `parent/${path}`,
      destinationGroupId: group!.id,
      statusName: "started",
      humanStatus: "Importing…",
      hasFailures: true,
      failuresCount: 1,
      username: user.username,
    });
    // The mismatch on labels comes with the count of failures that explain it.
    expect(row.relations.map((r) => [r.relation, r.label, r.imported, r.fetched, r.source, r.statusName, r.mismatch, r.failures])).toEqual([
      ["self", "Group", 1, 1, 1, "finished", false, 0],
      ["labels", "Label", 9, 10, 10, "finished", true, 1],
      ["milestones", "Milestone", 2, 2, 4, "started", false, 0],
      ["boards", "Board", 0, 0, null, "created", false, 0],
    ]);
    // Two of four relations done, a third half done: (1 + 1 + 0.5 + 0) / 4.
    expect(row.progress).toEqual({ relationsDone: 2, relationsTotal: 4, imported: 12, source: 15, percent: 62 });
  });

  it("paginates with a total, also past the last page, in two queries whatever the page size", async () => {
    const user = await makeUser();
    const bulk = await makeImport(user.id);
    for (let i = 0; i < 25; i++) {
      const entity = await makeEntity(bulk.id, { sourceFullPath: `g/${String(i).padStart(2, "0")}`, createdAt: at(i) });
      await makeTracker(entity.id, "labels");
      await makeTracker(entity.id, "milestones");
    }
    const spy = vi.spyOn(getPool(), "query");
    const first = await listImportHistory(viewer(user), { page: 1, perPage: 20 });
    expect(spy).toHaveBeenCalledTimes(2);
    spy.mockRestore();
    expect(first).toMatchObject({ total: 25, page: 1, perPage: 20, totalPages: 2 });
    expect(first.rows).toHaveLength(20);
    expect(first.rows[0]!.sourceFullPath).toBe("g/24");
    expect(first.rows.every((r) => r.relations.length === 2)).toBe(true);
    const second = await listImportHistory(viewer(user), { page: 2, perPage: 20 });
    expect(second.rows.map((r) => r.sourceFullPath)).toEqual(["g/04", "g/03", "g/02", "g/01", "g/00"]);
    expect(await listImportHistory(viewer(user), { page: 3, perPage: 20 })).toMatchObject({ rows: [], total: 25 });
  });

  it("shows administrators their own imports by default and everyone's when they ask", async () => {
    const [admin, alice] = await Promise.all([makeUser({ admin: true }), makeUser()]);
    const mine = await makeEntity((await makeImport(admin.id)).id);
    const hers = await makeEntity((await makeImport(alice.id)).id);
    const own = await listImportHistory(viewer(admin), { perPage: 100 });
    expect(own.rows.map((r) => r.id)).toContain(mine.id);
    expect(own.rows.map((r) => r.id)).not.toContain(hers.id);
    const everyone = await listImportHistory(viewer(admin), { all: true, perPage: 100 });
    expect(everyone.rows.map((r) => r.id)).toEqual(expect.arrayContaining([mine.id, hers.id]));
    // A user asking for everyone's still gets only their own.
    const aliceAll = await listImportHistory(viewer(alice), { all: true, perPage: 100 });
    expect(aliceAll.rows.map((r) => r.id)).toEqual([hers.id]);
  });
});

describe("listEntityFailures", () => {
  it("pages an entity's failures oldest first, for its owner and administrators only", async () => {
    const [owner, stranger, admin] = await Promise.all([makeUser(), makeUser(), makeUser({ admin: true })]);
    const entity = await makeEntity((await makeImport(owner.id)).id, { sourceFullPath: "acme/failing" });
    await getDb()
      .insert(bulkImportFailures)
      .values(
        Array.from({ length: 23 }, (_, i) => ({
          entityId: entity.id,
          relation: i % 2 ? "labels" : "epics",
          pipelineClass: "Pipeline",
          pipelineStep: "loader",
          exceptionClass: "ActiveRecord::RecordInvalid",
          exceptionMessage: `bad record ${i}`,
          correlationIdValue: `corr-${i}`,
          sourceUrl: `https://gitlab.example.com/groups/acme/failing/-/epics/${i}`,
          sourceTitle: `Record ${i}`,
          createdAt: at(i),
        })),
      );
    const first = await listEntityFailures(viewer(owner), entity.id, { page: 1, perPage: 20 });
    expect(first?.entity).toMatchObject({ id: entity.id, sourceFullPath: "acme/failing", hasFailures: true, failuresCount: 23 });
    expect(first?.failures).toMatchObject({ total: 23, totalPages: 2 });
    expect(first?.failures.rows[0]).toMatchObject({ relation: "epics", label: "Epic", exceptionMessage: "bad record 0", correlationId: "corr-0", sourceTitle: "Record 0" });
    const second = await listEntityFailures(viewer(owner), entity.id, { page: 2, perPage: 20 });
    expect(second?.failures.rows.map((r) => r.exceptionMessage)).toEqual(["bad record 20", "bad record 21", "bad record 22"]);
    expect(await listEntityFailures(viewer(stranger), entity.id)).toBeUndefined();
    expect((await listEntityFailures(viewer(admin), entity.id))?.failures.total).toBe(23);
    expect(await listEntityFailures(viewer(owner), 2_000_000_000)).toBeUndefined();
    // A relation's failures alone: where a mismatch on the history page leads.
    const labels = await listEntityFailures(viewer(owner), entity.id, { relation: "labels", perPage: 5 });
    expect(labels?.failures).toMatchObject({ total: 11, totalPages: 3 });
    expect(labels?.failures.rows.every((r) => r.relation === "labels")).toBe(true);
  });
});

describe("getBulkImportDetails", () => {
  it("gives entities, trackers and batch trackers with their times, to the owner only", async () => {
    const [owner, stranger] = await Promise.all([makeUser(), makeUser()]);
    const bulk = await makeImport(owner.id, { status: STATUS.finished, hasFailures: false });
    const parent = await makeEntity(bulk.id, { status: STATUS.finished, startedAt: at(0), finishedAt: at(30) });
    const child = await makeEntity(bulk.id, { parentId: parent.id, status: STATUS.failed, startedAt: at(10), finishedAt: at(20) });
    const labels = await makeTracker(parent.id, "labels", { batched: true, status: TRACKER_STATUS.finished, startedAt: at(1), finishedAt: at(9), importedObjectsCount: 1500, fetchedObjectsCount: 1500, sourceObjectsCount: 1500 });
    await getDb()
      .insert(bulkImportBatchTrackers)
      .values([
        { trackerId: labels.id, batchNumber: 2, status: STATUS.finished, importedObjectsCount: 500, fetchedObjectsCount: 500, startedAt: at(5), finishedAt: at(9) },
        { trackerId: labels.id, batchNumber: 1, status: STATUS.finished, importedObjectsCount: 1000, fetchedObjectsCount: 1000, startedAt: at(1), finishedAt: at(5) },
      ]);
    await makeTracker(child.id, "self", { stage: 0, status: TRACKER_STATUS.failed, startedAt: at(10), finishedAt: at(20) });
    await getDb().insert(bulkImportFailures).values({ entityId: child.id, relation: "self", pipelineClass: "GroupPipeline", pipelineStep: "pipeline_worker_run", exceptionClass: "NetworkError", exceptionMessage: "boom" });

    const details = await getBulkImportDetails(viewer(owner), bulk.id);
    expect(details).toMatchObject({ id: bulk.id, username: owner.username, statusName: "finished", hasFailures: true, humanStatus: "Partially completed" });
    expect(details!.entities.map((x) => [x.id, x.humanStatus, x.trackers.length])).toEqual([
      [parent.id, "Complete", 1],
      [child.id, "Failed", 1],
    ]);
    const tracker = details!.entities[0]!.trackers[0]!;
    expect(tracker).toMatchObject({ relation: "labels", startedAt: at(1), finishedAt: at(9), batched: true });
    expect(tracker.batches.map((x) => [x.batchNumber, x.imported, x.startedAt, x.finishedAt])).toEqual([
      [1, 1000, at(1), at(5)],
      [2, 500, at(5), at(9)],
    ]);
    expect(await getBulkImportDetails(viewer(stranger), bulk.id)).toBeUndefined();
  });
});

describe("getRealtimeChanges", () => {
  it("answers GitLab's shape with Ferry's per-entity progress, for the user's own imports", async () => {
    const [user, other] = await Promise.all([makeUser(), makeUser()]);
    const bulk = await makeImport(user.id, { status: STATUS.started });
    const entity = await makeEntity(bulk.id, { status: STATUS.started, sourceFullPath: "acme/live" });
    await makeTracker(entity.id, "labels", { status: TRACKER_STATUS.finished, sourceObjectsCount: 3, importedObjectsCount: 3, fetchedObjectsCount: 3 });
    await makeTracker(entity.id, "milestones", { status: TRACKER_STATUS.started, sourceObjectsCount: 10, importedObjectsCount: 5, fetchedObjectsCount: 5 });
    const done = await makeImport(user.id, { status: STATUS.finished, hasFailures: true });
    const foreign = await makeImport(other.id);

    const changes = await getRealtimeChanges(viewer(user), { ids: [bulk.id, done.id, foreign.id] });
    expect(changes).toHaveLength(2);
    expect(changes.find((c) => c.id === done.id)).toEqual({ id: done.id, status_name: "finished", has_failures: true, entities: [] });
    expect(changes.find((c) => c.id === bulk.id)).toEqual({
      id: bulk.id,
      status_name: "started",
      has_failures: false,
      entities: [{ id: entity.id, source_full_path: "acme/live", status_name: "started", has_failures: false, relations_done: 1, relations_total: 2, imported: 8, source: 13, percent: 75 }],
    });
    expect((await getRealtimeChanges(viewer(user))).map((c) => c.id).sort()).toEqual([bulk.id, done.id].sort());
    expect(await getRealtimeChanges(viewer(user), { ids: [] })).toEqual([]);
  });
});

describe("helpers", () => {
  it("counts skipped and failed relations as done", () => {
    expect(entityProgress([{ status: TRACKER_STATUS.skipped, imported: 0, source: null }, { status: TRACKER_STATUS.failed, imported: 1, source: 2 }]).percent).toBe(100);
  });
});
