import { describe, expect, it } from "vitest";
import { makeUser, unique } from "@/test/helpers/factories";
import { importResult, waitForImports } from "@/test/helpers/imports";
import { runImportWorker } from "@/test/helpers/import-worker";
import { DEFAULT_TOKEN, ROUTES, startTestSource, syntheticRelation } from "@/test/source";
import { startImports, STATUS, TRACKER_STATUS } from "../index";

// Jobs that pg-boss would expire after 6 s: a long file must hand over to a next job well before that.
process.env.FERRY_IMPORT_JOB_TIMEOUT_SECONDS = "6";
runImportWorker("pgboss_long_file_test");

describe("a long unbatched file", () => {
  it("is loaded over several jobs, each going on after the last checkpoint, with exact counts", async () => {
    // Before 16.2 a relation is one file. Each download takes 5 s to answer: past three quarters of the job's time,
    // so every job loads one chunk of 1,000 and hands over.
    const source = await startTestSource({ version: "16.1.0", exportDelayMs: 20 });
    const group = source.addGroup({ path: unique("long") });
    source.setRelation(group.id, "labels", syntheticRelation("labels", 3500, group.id));
    source.faults.delay({ endpoint: ROUTES.exportDownload, relation: "labels", ms: 5000 });
    try {
      const [started] = await startImports(await makeUser(), { url: source.url, token: DEFAULT_TOKEN }, [
        { sourceFullPath: group.path, destinationSlug: unique("long"), destinationNamespace: "", migrateProjects: false, migrateMemberships: false },
      ]);
      const [bulkImport] = await waitForImports([started!.bulkImportId], 120_000);
      expect(bulkImport).toMatchObject({ status: STATUS.finished, hasFailures: false });
      const entry = (await importResult(started!.bulkImportId)).get(group.path)!;
      expect(entry.labels).toBe(3500);
      expect(entry.trackers.get("labels")).toMatchObject({ status: TRACKER_STATUS.finished, batched: false, sourceObjectsCount: 3500, fetchedObjectsCount: 3500, importedObjectsCount: 3500 });
      // One download per job: four chunks, four jobs at least (a busy machine may add one), each resuming where the
      // last one stopped, since the counts are exact.
      const downloads = source.requests.filter((r) => r.route === ROUTES.exportDownload && r.query.relation === "labels").length;
      expect(downloads).toBeGreaterThanOrEqual(4);
    } finally {
      await source.close();
    }
  }, 150_000);
});
