import { describe, expect, it } from "vitest";
import { bulkImportBatchTrackers, bulkImportFailures, getDb } from "@/lib/db";
import { makeUser } from "@/test/helpers/factories";
import { STATUS, TRACKER_STATUS } from "../status";
import { at, makeEntity, makeImport, makeTracker, viewer } from "./_test/rows";
import { getBulkImportDetails } from "./details";

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
