import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { bulkImportBatchTrackers, getDb, labels } from "@/lib/db";
import { makeUser, unique } from "@/test/helpers/factories";
import { importResult, sourceCount, waitForImports } from "@/test/helpers/imports";
import { runImportWorker } from "@/test/helpers/import-worker";
import { DEFAULT_TOKEN, ROUTES, startTestSource, type TestSource } from "@/test/source";
import { runBatch } from "./engine/run-batch";
import { startImports, STATUS, TRACKER_STATUS } from "./index";

runImportWorker("pgboss_engine_test");


const ROOT = 4351;
const SUBGROUPS = [4352, 4353];

async function importComplex(source: TestSource, options: { slug?: string; projects?: boolean } = {}) {
  const user = await makeUser();
  const slug = options.slug ?? unique("dest");
  const [started] = await startImports(user, { url: source.url, token: DEFAULT_TOKEN }, [
    { sourceFullPath: source.group(ROOT).path, destinationSlug: slug, destinationNamespace: "", migrateProjects: options.projects ?? true, migrateMemberships: true },
  ]);
  const [bulkImport] = await waitForImports([started!.bulkImportId]);
  return { user, slug, bulkImport: bulkImport!, result: await importResult(started!.bulkImportId) };
}

async function expectExactCounts(source: TestSource, result: Awaited<ReturnType<typeof importResult>>, slug: string) {
  for (const id of [ROOT, ...SUBGROUPS]) {
    const sourceGroup = source.group(id);
    const fullPath = id === ROOT ? sourceGroup.path : `${source.group(ROOT).path}/${sourceGroup.path}`;
    const entry = result.get(fullPath);
    expect(entry, `entity for ${fullPath}`).toBeDefined();
    expect(entry!.group?.fullPath).toBe(id === ROOT ? slug : `${slug}/${sourceGroup.path}`);
    for (const relation of ["labels", "milestones"] as const) {
      const expected = await sourceCount(source, id, relation);
      expect(entry![relation], `${relation} of ${fullPath}`).toBe(expected);
      const tracker = entry!.trackers.get(relation)!;
      expect(tracker.status).toBe(TRACKER_STATUS.finished);
      expect([tracker.sourceObjectsCount, tracker.fetchedObjectsCount, tracker.importedObjectsCount]).toEqual([expected, expected, expected]);
    }
  }
}

describe("direct transfer engine against the test source", () => {
  it("imports a group with its subgroups, labels and milestones, batched, with exact counts", async () => {
    const source = await startTestSource({ version: "17.8.0-ee", batchSize: 3, exportDelayMs: 100 });
    try {
      const { bulkImport, result, slug } = await importComplex(source);
      expect(bulkImport.status).toBe(STATUS.finished);
      expect(bulkImport.hasFailures).toBe(false);
      expect(result.size).toBe(3);
      await expectExactCounts(source, result, slug);
      const root = result.get(source.group(ROOT).path)!;
      expect(root.trackers.get("labels")!.batched).toBe(true);
      expect(root.group!.name).toBe(source.group(ROOT).name);
      // GitLab's fixture groups hold no projects: none found, none added.
      expect(root.trackers.get("project_entities")).toMatchObject({ status: TRACKER_STATUS.finished, sourceObjectsCount: 0, importedObjectsCount: 0 });
      expect(root.trackers.get("subgroups")).toMatchObject({ status: TRACKER_STATUS.finished, sourceObjectsCount: 2, importedObjectsCount: 2 });
      // Milestones keep iid, state and dates.
      const [milestone] = await getDb().select().from((await import("@/lib/db")).milestones).where(eq((await import("@/lib/db")).milestones.iid, 5)).limit(1);
      expect(milestone).toBeDefined();
      // The status was polled with backoff, not hammered.
      const statusPolls = source.requests.filter((r) => r.route === ROUTES.exportStatus).length;
      expect(statusPolls).toBeLessThan(60);
    } finally {
      await source.close();
    }
  }, 90_000);

  it("imports from a source older than 16.2 without batches", async () => {
    const source = await startTestSource({ version: "16.1.0", exportDelayMs: 50 });
    try {
      const { bulkImport, result, slug } = await importComplex(source, { projects: false });
      expect(bulkImport.status).toBe(STATUS.finished);
      await expectExactCounts(source, result, slug);
      expect(result.get(source.group(ROOT).path)!.trackers.get("labels")!.batched).toBe(false);
      expect(result.get(source.group(ROOT).path)!.trackers.has("project_entities")).toBe(false);
      expect(source.requests.some((r) => r.route === ROUTES.exportDownload && r.query.batched)).toBe(false);
    } finally {
      await source.close();
    }
  }, 90_000);

  it("rides out 429s with Retry-After, 500s, connection resets, bodies cut short and slow answers with exact counts", async () => {
    const source = await startTestSource({ version: "17.8.0-ee", batchSize: 4, exportDelayMs: 50 });
    source.faults.rateLimit({ endpoint: ROUTES.exportDownload, relation: "labels", times: 2, retryAfter: 1 });
    source.faults.serverError({ endpoint: ROUTES.exportStatus, times: 2, status: 502 });
    source.faults.reset({ endpoint: ROUTES.exportDownload, relation: "milestones", times: 1 });
    // A clean close before the promised Content-Length: a transfer cut short, not a bad file (that is not retried).
    source.faults.reset({ endpoint: ROUTES.exportDownload, relation: "labels", batchNumber: 2, how: "close", times: 1 });
    source.faults.delay({ endpoint: ROUTES.exportDownload, ms: 300, times: 3 });
    try {
      const { bulkImport, result, slug } = await importComplex(source);
      expect(bulkImport.status).toBe(STATUS.finished);
      expect(bulkImport.hasFailures).toBe(false);
      await expectExactCounts(source, result, slug);
      const retried = source.requests.filter((r) => r.route === ROUTES.exportDownload && r.status === 429);
      expect(retried.length).toBe(2);
    } finally {
      await source.close();
    }
  }, 60_000);

  it("turns a malformed line into one failure and a failed export into a failed relation: partially completed", async () => {
    const source = await startTestSource({ version: "17.8.0-ee", batchSize: 100, exportDelayMs: 50 });
    source.faults.malformedLine({ relation: "milestones", groupId: 4352, line: 2, mode: "replace" });
    source.faults.exportFailed({ relation: "labels", groupId: 4353, error: "Relation export broke" });
    try {
      const { bulkImport, result } = await importComplex(source);
      expect(bulkImport.status).toBe(STATUS.finished);
      expect(bulkImport.hasFailures).toBe(true);
      const child1 = result.get(`${source.group(ROOT).path}/${source.group(4352).path}`)!;
      expect(child1.entity.hasFailures).toBe(true);
      const expected = await sourceCount(source, 4352, "milestones");
      expect(child1.milestones).toBe(expected - 1);
      expect(child1.trackers.get("milestones")).toMatchObject({ fetchedObjectsCount: expected, importedObjectsCount: expected - 1 });
      expect(child1.failures).toEqual([expect.objectContaining({ relation: "milestones", pipelineStep: "extractor", exceptionClass: "JSON::ParserError", lineNumber: 2 })]);
      const child2 = result.get(`${source.group(ROOT).path}/${source.group(4353).path}`)!;
      expect(child2.entity.status).toBe(STATUS.finished);
      expect(child2.trackers.get("labels")!.status).toBe(TRACKER_STATUS.failed);
      expect(child2.failures[0]).toMatchObject({ relation: "labels", exceptionMessage: expect.stringContaining("Relation export broke") });
      expect(child2.labels).toBe(0);
      expect(child2.milestones).toBe(await sourceCount(source, 4353, "milestones"));
    } finally {
      await source.close();
    }
  }, 60_000);

  it("replays a batch without duplicating or losing a record", async () => {
    const source = await startTestSource({ version: "17.8.0-ee", batchSize: 4, exportDelayMs: 20 });
    try {
      const { result } = await importComplex(source, { projects: false });
      const root = result.get(source.group(ROOT).path)!;
      const tracker = root.trackers.get("labels")!;
      const before = await getDb().select().from(labels).where(eq(labels.groupId, root.group!.id));
      // As if a worker died mid-batch: the batch is "started" again and its job runs a second time.
      await getDb().update(bulkImportBatchTrackers).set({ status: STATUS.started }).where(eq(bulkImportBatchTrackers.trackerId, tracker.id));
      await getDb().update((await import("@/lib/db")).bulkImportTrackers).set({ status: TRACKER_STATUS.started }).where(eq((await import("@/lib/db")).bulkImportTrackers.id, tracker.id));
      for (const n of [1, 2, 3]) await runBatch(tracker.id, n, { retryCount: 0, retryLimit: 5 });
      const after = await getDb().select().from(labels).where(eq(labels.groupId, root.group!.id));
      expect(after.map((l) => l.id).sort()).toEqual(before.map((l) => l.id).sort());
      const again = await importResult(root.entity.bulkImportId);
      expect(again.get(source.group(ROOT).path)!.trackers.get("labels")!.importedObjectsCount).toBe(before.length);
    } finally {
      await source.close();
    }
  });

  it("refuses bad starts with clear errors and creates nothing", async () => {
    const source = await startTestSource({ version: "17.8.0-ee" });
    const user = await makeUser();
    const base = { sourceFullPath: source.group(ROOT).path, destinationSlug: unique("d"), destinationNamespace: "", migrateProjects: false, migrateMemberships: true };
    try {
      await expect(startImports(user, { url: source.url, token: "glpat-wrong" }, [base])).rejects.toMatchObject({ status: 422, message: expect.stringMatching(/rejected the personal access token/) });
      await expect(startImports(user, { url: source.url, token: DEFAULT_TOKEN }, [{ ...base, sourceFullPath: "nope" }])).rejects.toMatchObject({ index: 0, field: "sourceFullPath" });
      await expect(startImports(user, { url: source.url, token: DEFAULT_TOKEN }, [{ ...base, destinationSlug: "-bad" }])).rejects.toMatchObject({ field: "destinationSlug" });
      await expect(startImports(user, { url: source.url, token: DEFAULT_TOKEN }, [base, { ...base }])).rejects.toMatchObject({ index: 1, message: "Name already used as a target for another group." });
      await expect(startImports(user, { url: source.url, token: DEFAULT_TOKEN }, [{ ...base, destinationNamespace: "no/such/group" }])).rejects.toMatchObject({ field: "destinationNamespace" });
      source.faults.exportDisabled({ times: 1 });
      await expect(startImports(user, { url: source.url, token: DEFAULT_TOKEN }, [base])).rejects.toThrow(/disabled on the source/);
      source.faults.exportForbidden({ times: 1 });
      await expect(startImports(user, { url: source.url, token: DEFAULT_TOKEN }, [base])).rejects.toThrow(/Owner role/);
      const old = await startTestSource({ version: "13.12.0" });
      await expect(startImports(user, { url: old.url, token: DEFAULT_TOKEN }, [base])).rejects.toThrow(/minimum supported version is 14/);
      await old.close();
    } finally {
      await source.close();
    }
  });

  it("allows six starts a minute per user, then answers 429", async () => {
    const source = await startTestSource({ version: "17.8.0-ee", exportDelayMs: 20 });
    const user = await makeUser();
    try {
      for (let i = 0; i < 6; i++) {
        await startImports(user, { url: source.url, token: DEFAULT_TOKEN }, [
          { sourceFullPath: source.group(ROOT).path, destinationSlug: unique("r"), destinationNamespace: "", migrateProjects: false, migrateMemberships: true },
        ]);
      }
      await expect(
        startImports(user, { url: source.url, token: DEFAULT_TOKEN }, [{ sourceFullPath: source.group(ROOT).path, destinationSlug: unique("r"), destinationNamespace: "", migrateProjects: false, migrateMemberships: true }]),
      ).rejects.toMatchObject({ status: 429 });
    } finally {
      await source.close();
    }
  }, 60_000);
});
