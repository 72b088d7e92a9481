import type { ChildProcess } from "node:child_process";
import { once } from "node:events";
import { eq, inArray, sql } from "drizzle-orm";
import { afterAll, describe, expect, it } from "vitest";
import { bulkImportBatchTrackers, bulkImportEntities, bulkImportFailures, bulkImportTrackers, getDb, labels, projects } from "@/lib/db";
import { stopBoss } from "@/lib/jobs";
import { repositoryPath } from "@/lib/repositories";
import { makeUser, unique } from "@/test/helpers/factories";
import { git, temporaryDirectory } from "@/test/helpers/git-client";
import { importResult, sourceCount, waitForImports } from "@/test/helpers/imports";
import { makeSourceRepository } from "@/test/helpers/source-repository";
import { spawnWorker } from "@/test/helpers/worker-process";
import { DEFAULT_TOKEN, fromRecords, ndjsonRecords, projectTreeFile, ROUTES, startTestSource } from "@/test/source";
import { startImports, STATUS } from "./index";

// A queue of its own, and jobs that count as lost 4 s after their worker vanished (the default is 15 minutes).
const env = {
  FERRY_ALLOW_LOCAL_SOURCES: "true",
  FERRY_ALLOW_INSECURE_SOURCES: "true",
  FERRY_QUEUE_SCHEMA: "pgboss_kill_test",
  FERRY_IMPORT_JOB_TIMEOUT_SECONDS: "4",
  FERRY_QUEUE_MAINTENANCE_SECONDS: "1",
  FERRY_WORKER_CONCURRENCY: "2",
};
Object.assign(process.env, env);

function startWorkerProcess(): ChildProcess {
  return spawnWorker({ ...process.env, ...env, LOG_LEVEL: "warn" });
}

afterAll(() => stopBoss());

const scratch = temporaryDirectory("ferry-worker-kill-");
const refsOf = (repo: string) => git(repo, ["for-each-ref", "--format=%(objectname) %(objecttype) %(refname)"]);

/** Polls until `ready` holds, or fails after 30 s naming what it waited for. */
async function waitUntil(what: string, ready: () => Promise<boolean>): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (!(await ready())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Kills the worker outright and starts another, as a crash and a restart would. */
async function killAndRestart(worker: ChildProcess): Promise<ChildProcess> {
  worker.kill("SIGKILL");
  await once(worker, "exit");
  return startWorkerProcess();
}

/** Whether a batch of the import (of one relation, if named) is being loaded. */
async function loadingBatch(bulkImportId: number, relation?: string): Promise<boolean> {
  const [row] = await getDb()
    .select({ n: sql<number>`count(*)::int` })
    .from(bulkImportBatchTrackers)
    .innerJoin(bulkImportTrackers, eq(bulkImportTrackers.id, bulkImportBatchTrackers.trackerId))
    .innerJoin(bulkImportEntities, eq(bulkImportEntities.id, bulkImportTrackers.entityId))
    .where(sql`${bulkImportEntities.bulkImportId} = ${bulkImportId} AND ${bulkImportBatchTrackers.status} = ${STATUS.started} ${relation ? sql`AND ${bulkImportTrackers.relation} = ${relation}` : sql``}`);
  return row!.n > 0;
}

describe("a worker killed in the middle of an import", () => {
  it("leaves nothing duplicated or lost once another worker takes over", async () => {
    const source = await startTestSource({ version: "17.8.0-ee", batchSize: 2, exportDelayMs: 20 });
    // Slow downloads, so that the kill lands while batches are being loaded.
    source.faults.delay({ endpoint: ROUTES.exportDownload, ms: 700 });
    const user = await makeUser();
    let worker = startWorkerProcess();
    try {
      const [started] = await startImports(user, { url: source.url, token: DEFAULT_TOKEN }, [
        { sourceFullPath: source.group(4351).path, destinationSlug: unique("killed"), destinationNamespace: "", migrateProjects: false, migrateMemberships: true },
      ]);
      // Wait until batches are running, then kill the worker outright.
      await waitUntil("a batch to start", () => loadingBatch(started!.bulkImportId));
      worker = await killAndRestart(worker);
      // The kill has landed: the rest may download at full speed.
      source.faults.clear();

      const [bulkImport] = await waitForImports([started!.bulkImportId], 90_000);
      expect(bulkImport!.status).toBe(STATUS.finished);
      expect(bulkImport!.hasFailures).toBe(false);
      const result = await importResult(started!.bulkImportId);
      expect(result.size).toBe(3);
      for (const [path, entry] of result) {
        const sourceId = [4351, 4352, 4353].find((id) => path.endsWith(source.group(id).path))!;
        expect(entry.labels, `labels of ${path}`).toBe(await sourceCount(source, sourceId, "labels"));
        expect(entry.milestones, `milestones of ${path}`).toBe(await sourceCount(source, sourceId, "milestones"));
        expect(entry.trackers.get("labels")!.importedObjectsCount).toBe(entry.labels);
      }
      const groupIds = [...result.values()].map((e) => e.group!.id);
      const [dupes] = await getDb()
        .select({ n: sql<number>`count(*)::int` })
        .from(sql`(SELECT import_entity_id, import_key FROM ${labels} WHERE ${inArray(labels.groupId, groupIds)} GROUP BY 1, 2 HAVING count(*) > 1) d`);
      expect(dupes!.n).toBe(0);
      const failures = await getDb().select().from(bulkImportFailures).where(inArray(bulkImportFailures.entityId, [...result.values()].map((e) => e.entity.id)));
      expect(failures).toEqual([]);
    } finally {
      worker.kill("SIGTERM");
      if (worker.exitCode === null) await once(worker, "exit");
      await source.close();
    }
  }, 120_000);

  it("restores a project's repository once and whole when its worker dies in the middle of the restore", async () => {
    // Batches of 1000 and the deepest group alone: the project is what this test is about.
    const source = await startTestSource({ version: "17.8.0-ee", batchSize: 1000, exportDelayMs: 20 });
    const repository = await makeSourceRepository(scratch, { commits: 40, branches: 4, tags: 5, mergeRequestRefs: 3 });
    source.addProject({ groupId: 4353, path: "engine", name: "Engine", repository });
    // The repository's download is slow, so that the kill lands while its job holds it.
    source.faults.add({ type: "delay", endpoint: ROUTES.projectExportDownload, relation: "repository", ms: 1_500 });
    const user = await makeUser();
    let worker = startWorkerProcess();
    try {
      const [started] = await startImports(user, { url: source.url, token: DEFAULT_TOKEN }, [
        { sourceFullPath: source.store.fullPath(source.group(4353)), destinationSlug: unique("restore"), destinationNamespace: "", migrateProjects: true, migrateMemberships: false },
      ]);
      const restoring = () =>
        getDb()
          .select({ n: sql<number>`count(*)::int` })
          .from(bulkImportTrackers)
          .innerJoin(bulkImportEntities, eq(bulkImportEntities.id, bulkImportTrackers.entityId))
          .where(sql`${bulkImportEntities.bulkImportId} = ${started!.bulkImportId} AND ${bulkImportTrackers.relation} = 'repository_bundle' AND ${bulkImportTrackers.status} = ${STATUS.started}`)
          .then(([row]) => row!.n > 0);
      await waitUntil("the repository restore to start", restoring);
      await new Promise((r) => setTimeout(r, 300));
      worker = await killAndRestart(worker);

      const [bulkImport] = await waitForImports([started!.bulkImportId], 150_000);
      expect(bulkImport!.status).toBe(STATUS.finished);
      expect(bulkImport!.hasFailures).toBe(false);
      const result = await importResult(started!.bulkImportId);
      const [entry] = [...result].filter(([path]) => path.endsWith("/engine")).map(([, value]) => value);
      expect(entry!.entity.status).toBe(STATUS.finished);
      // One project, never a second one from the replayed job, with every ref and object of the source's.
      const engines = await getDb().select().from(projects).where(eq(projects.id, entry!.entity.projectId!));
      expect(engines).toHaveLength(1);
      const siblings = await getDb().select().from(projects).where(eq(projects.namespaceId, engines[0]!.namespaceId));
      expect(siblings.map((project) => project.path)).toEqual(["engine"]);
      const restored = repositoryPath(engines[0]!.id, "project");
      expect(await refsOf(restored)).toBe(await refsOf(repository));
      expect(await git(restored, ["fsck", "--strict", "--no-dangling"])).toBe("");
      expect(await git(restored, ["rev-list", "--all", "--count"])).toBe(await git(repository, ["rev-list", "--all", "--count"]));
    } finally {
      worker.kill("SIGTERM");
      if (worker.exitCode === null) await once(worker, "exit");
      await source.close();
    }
  }, 180_000);

  it("loads every merge request, note, diff file and commit once when its worker dies in the middle of a merge requests batch", async () => {
    // Batches of 2, slowly downloaded, so that the kill lands while merge request batches are being loaded.
    const source = await startTestSource({ version: "17.8.0", batchSize: 2, exportDelayMs: 20 });
    const repository = await makeSourceRepository(scratch, { commits: 3, branches: 2, tags: 0, mergeRequestRefs: 0 });
    const head = await git(repository, ["rev-parse", "refs/heads/feature/1"]);
    const records = [
      ...ndjsonRecords(projectTreeFile("merge_requests")),
      ...(JSON.parse(JSON.stringify(ndjsonRecords("test/fixtures/ferry/merge_requests_diff_notes.ndjson")).replaceAll("5937ac0a7beb003549fc5fd26fc247adbce4a52e", head)) as Record<string, unknown>[]),
    ];
    const nested = (key: string) => records.reduce((sum, mr) => sum + ((mr[key] as unknown[] | undefined)?.length ?? 0), 0);
    const diffParts = (key: string) => records.reduce((sum, mr) => sum + (((mr.merge_request_diff as Record<string, unknown[]> | undefined)?.[key])?.length ?? 0), 0);
    source.addProject({ groupId: 4353, path: "reviews", name: "Reviews", repository, relations: { issues: fromRecords([]), merge_requests: fromRecords(records) } });
    source.faults.add({ type: "delay", endpoint: ROUTES.projectExportDownload, relation: "merge_requests", ms: 700 });
    const user = await makeUser();
    let worker = startWorkerProcess();
    try {
      const [started] = await startImports(user, { url: source.url, token: DEFAULT_TOKEN }, [
        { sourceFullPath: source.store.fullPath(source.group(4353)), destinationSlug: unique("mr-kill"), destinationNamespace: "", migrateProjects: true, migrateMemberships: false },
      ]);
      await waitUntil("a merge requests batch to start", () => loadingBatch(started!.bulkImportId, "merge_requests"));
      worker = await killAndRestart(worker);
      source.faults.clear();

      const [bulkImport] = await waitForImports([started!.bulkImportId], 150_000);
      expect(bulkImport!.status).toBe(STATUS.finished);
      expect(bulkImport!.hasFailures).toBe(false);
      const [entry] = [...(await importResult(started!.bulkImportId))].filter(([path]) => path.endsWith("/reviews")).map(([, value]) => value);
      expect(entry!.entity.status).toBe(STATUS.finished);
      const projectId = entry!.entity.projectId!;
      const tracker = entry!.trackers.get("merge_requests")!;
      expect(tracker.importedObjectsCount).toBe(records.length);
      const { rows: [counts] } = await getDb().execute<Record<string, number>>(sql`
        SELECT (SELECT count(*) FROM merge_requests WHERE project_id = ${projectId})::int AS mrs,
          (SELECT count(DISTINCT iid) FROM merge_requests WHERE project_id = ${projectId})::int AS iids,
          (SELECT count(*) FROM notes n JOIN merge_requests m ON n.noteable_type = 'MergeRequest' AND n.noteable_id = m.id WHERE m.project_id = ${projectId})::int AS notes,
          (SELECT count(*) FROM merge_request_diff_files f JOIN merge_request_diffs d ON d.id = f.merge_request_diff_id JOIN merge_requests m ON m.id = d.merge_request_id WHERE m.project_id = ${projectId})::int AS files,
          (SELECT count(*) FROM merge_request_diff_commits c JOIN merge_request_diffs d ON d.id = c.merge_request_diff_id JOIN merge_requests m ON m.id = d.merge_request_id WHERE m.project_id = ${projectId})::int AS commits,
          (SELECT count(*) FROM merge_request_diffs d JOIN merge_requests m ON m.id = d.merge_request_id WHERE m.project_id = ${projectId})::int AS diffs`);
      expect(counts).toEqual({
        mrs: records.length,
        iids: records.length,
        notes: nested("notes"),
        files: diffParts("merge_request_diff_files"),
        commits: diffParts("merge_request_diff_commits"),
        diffs: records.filter((mr) => mr.merge_request_diff).length,
      });
      // The merge request's head ref, written when the relation ended, points where the source's did.
      expect(await git(repositoryPath(projectId, "project"), ["rev-parse", "refs/merge-requests/10/head"])).toBe(head);
      const failures = await getDb().select().from(bulkImportFailures).where(eq(bulkImportFailures.entityId, entry!.entity.id));
      expect(failures).toEqual([]);
    } finally {
      worker.kill("SIGTERM");
      if (worker.exitCode === null) await once(worker, "exit");
      await source.close();
    }
  }, 180_000);
});
