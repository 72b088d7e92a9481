import { describe, expect, it } from "vitest";
import { makeUser } from "@/test/helpers/factories";
import { STATUS, TRACKER_STATUS } from "../status";
import { makeEntity, makeImport, makeTracker, viewer } from "./_test/rows";
import { getRealtimeChanges } from "./realtime-changes";

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
