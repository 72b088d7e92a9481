import { eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { bulkImportTrackers, getDb } from "@/lib/db";
import { makeUser, unique } from "@/test/helpers/factories";
import { STATUS, TRACKER_STATUS } from "../status";
import { makeEntity, makeImport, makeTracker, viewer } from "./_test/rows";
import { getBulkImportDetails } from "./details";
import { listImportHistory } from "./history";
import { latestImports } from "./latest-imports";
import { entityProgress, talliesByEntity, trackerTallies, type TrackerCounts } from "./progress";
import { getRealtimeChanges } from "./realtime-changes";

const S = TRACKER_STATUS;

describe("entityProgress", () => {
  it("counts skipped and failed relations as done", () => {
    expect(entityProgress([{ status: S.skipped, imported: 0, source: null }, { status: S.failed, imported: 1, source: 2 }]).percent).toBe(100);
  });

  // The importer page once counted finished and skipped relations only: a failed relation kept its row at
  // "2 of 4 relations" forever, while the history page said 3 of 4 for the same import.
  it("counts every ended relation as done, whatever way it ended, and a running one by its share", () => {
    const progress = entityProgress([
      { status: S.finished, imported: 1, source: 1 },
      { status: S.started, imported: 40, source: 100 },
      { status: S.skipped, imported: 0, source: null },
      { status: S.failed, imported: 2, source: 5 },
      { status: S.timeout, imported: 0, source: 3 },
      { status: S.canceled, imported: 0, source: null },
      { status: S.created, imported: 0, source: null },
      { status: S.enqueued, imported: 0, source: 7 },
    ]);
    // (1 + 0.4 + 1 + 1 + 1 + 1 + 0 + 0) / 8
    expect(progress).toEqual({ relationsDone: 5, relationsTotal: 8, imported: 43, source: 116, percent: 67 });
  });

  // The importer page once said 0 items of a source that reported nothing; the history page said no count at all.
  it("has no source count when no relation reported one, and nothing to show without relations", () => {
    expect(entityProgress([{ status: S.started, imported: 4, source: null }])).toEqual({ relationsDone: 0, relationsTotal: 1, imported: 4, source: null, percent: 0 });
    expect(entityProgress([{ status: S.finished, imported: 0, source: 0 }]).source).toBe(0);
    expect(entityProgress([])).toEqual({ relationsDone: 0, relationsTotal: 0, imported: 0, source: null, percent: 0 });
  });

  it("never lets a running relation count for more than a whole one, nor one whose source said 0", () => {
    expect(entityProgress([{ status: S.started, imported: 150, source: 100 }, { status: S.created, imported: 0, source: null }]).percent).toBe(50);
    expect(entityProgress([{ status: S.started, imported: 3, source: 0 }]).percent).toBe(0);
  });

  it("reads tallies (several trackers of one state added up) as the trackers they add up", () => {
    const trackers: TrackerCounts[] = [
      { status: S.finished, imported: 3, source: 3 },
      { status: S.finished, imported: 5, source: null },
      { status: S.created, imported: 0, source: null },
      { status: S.started, imported: 1, source: 4 },
    ];
    const tallied: TrackerCounts[] = [
      { status: S.finished, imported: 8, source: 3, trackers: 2 },
      { status: S.created, imported: 0, source: null, trackers: 1 },
      { status: S.started, imported: 1, source: 4, trackers: 1 },
    ];
    expect(entityProgress(tallied)).toEqual(entityProgress(trackers));
  });
});

describe("trackerTallies", () => {
  it("tallies trackers in SQL so that entityProgress gives what it gives for the trackers one by one", async () => {
    const user = await makeUser();
    const entity = await makeEntity((await makeImport(user.id)).id);
    const states: [number, number, number | null][] = [
      [S.finished, 10, 10],
      [S.finished, 4, null],
      [S.started, 3, 12],
      [S.started, 7, 8],
      [S.skipped, 0, null],
      [S.failed, 1, 6],
      [S.created, 0, null],
    ];
    for (const [i, [status, imported, source]] of states.entries()) await makeTracker(entity.id, `relation_${i}`, { status, importedObjectsCount: imported, sourceObjectsCount: source });
    const [row] = await getDb()
      .select({ tallies: trackerTallies(sql`${bulkImportTrackers.entityId} = ${entity.id}`) })
      .from(bulkImportTrackers)
      .where(eq(bulkImportTrackers.entityId, entity.id))
      .limit(1);
    // Two running trackers stay apart (their shares differ); finished ones are added up.
    expect(row!.tallies).toHaveLength(6);
    const oneByOne = entityProgress(states.map(([status, imported, source]) => ({ status, imported, source })));
    expect(entityProgress(row!.tallies)).toEqual(oneByOne);
    // (1 + 1 + 3/12 + 7/8 + 1 + 1 + 0) / 7
    expect(oneByOne).toEqual({ relationsDone: 4, relationsTotal: 7, imported: 25, source: 36, percent: 73 });
    // Many entities at once: the same tallies by entity, and none for an entity without trackers.
    const empty = await makeEntity((await makeImport(user.id)).id);
    const byEntity = await talliesByEntity(sql`${entity.id}, ${empty.id}`);
    expect([...byEntity.keys()]).toEqual([entity.id]);
    const order = (tallies: TrackerCounts[]) => [...tallies].sort((a, b) => a.status - b.status || a.imported - b.imported);
    expect(order(byEntity.get(entity.id)!)).toEqual(order(row!.tallies));
  });
});

describe("every reader", () => {
  it("shows the same progress for the same import: history, details, realtime changes and the importer page", async () => {
    const user = await makeUser();
    const path = unique("same");
    const bulk = await makeImport(user.id, { status: STATUS.started });
    const entity = await makeEntity(bulk.id, { sourceFullPath: path, status: STATUS.started });
    await makeTracker(entity.id, "self", { stage: 0, status: S.finished, importedObjectsCount: 1, sourceObjectsCount: 1 });
    await makeTracker(entity.id, "labels", { status: S.started, importedObjectsCount: 40, sourceObjectsCount: 100 });
    await makeTracker(entity.id, "milestones", { status: S.skipped });
    await makeTracker(entity.id, "badges", { status: S.failed, importedObjectsCount: 2, sourceObjectsCount: 5 });
    const expected = { relationsDone: 3, relationsTotal: 4, imported: 43, source: 106, percent: 85 };

    const history = await listImportHistory(viewer(user), { bulkImportId: bulk.id });
    expect(history.rows[0]!.progress).toEqual(expected);
    const details = await getBulkImportDetails(viewer(user), bulk.id);
    expect(details!.entities[0]!.progress).toEqual(expected);
    expect(details!.progress).toEqual(expected);
    const [change] = await getRealtimeChanges(viewer(user), { ids: [bulk.id] });
    expect(change!.entities[0]).toMatchObject({ relations_done: 3, relations_total: 4, imported: 43, source: 106, percent: 85 });
    const latest = await latestImports(user.id, bulk.sourceUrl, [path]);
    expect(latest.get(path)!.progress).toEqual(expected);
  });

  it("gives a whole import's progress over all its trackers, not an average of its entities' rounded percentages", async () => {
    const user = await makeUser();
    const bulk = await makeImport(user.id, { status: STATUS.started });
    const one = await makeEntity(bulk.id, { status: STATUS.started });
    const two = await makeEntity(bulk.id, { status: STATUS.started, parentId: one.id });
    await makeTracker(one.id, "labels", { status: S.started, importedObjectsCount: 509, sourceObjectsCount: 1000 });
    await makeTracker(two.id, "labels", { status: S.started, importedObjectsCount: 515, sourceObjectsCount: 1000 });
    const details = await getBulkImportDetails(viewer(user), bulk.id);
    expect(details!.entities.map((x) => x.progress.percent)).toEqual([50, 51]);
    // (0.509 + 0.515) / 2 is 51.2%, where the mean of 50 and 51 would say 50.
    expect(details!.progress).toEqual({ relationsDone: 0, relationsTotal: 2, imported: 1024, source: 2000, percent: 51 });
  });
});
