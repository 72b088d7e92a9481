import { describe, expect, it, vi } from "vitest";
import { bulkImportFailures, getDb, getPool, groups } from "@/lib/db";
import { createGroup } from "@/lib/groups";
import { createProject } from "@/lib/projects";
import { makeUser, unique } from "@/test/helpers/factories";
import { STATUS, TRACKER_STATUS } from "../status";
import { at, makeEntity, makeImport, makeTracker, viewer } from "./_test/rows";
import { listImportHistory } from "./history";

describe("listImportHistory", () => {
  it("heads a project by its own path once made: an overwrite import's temporary path until the import is done", async () => {
    const user = await makeUser();
    const group = await createGroup(user, { name: "Overwrite", path: unique("overwrite") });
    const project = await createProject(user, { name: "Site 1a2b3c4d", path: "site-1a2b3c4d", namespaceId: group.id });
    const bulk = await makeImport(user.id, { status: STATUS.started });
    await makeEntity(bulk.id, { sourceFullPath: "acme/site", sourceType: "project_entity", destinationNamespace: group.fullPath, destinationSlug: "site", projectId: project.id, status: STATUS.started });
    const { rows } = await listImportHistory(viewer(user));
    expect(rows[0]).toMatchObject({ destinationFullPath: `${group.fullPath}/site-1a2b3c4d`, destinationPath: `/${group.fullPath}/site-1a2b3c4d`, destinationProjectId: project.id });
  });

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
