import { AsyncLocalStorage } from "node:async_hooks";
import { and, eq, sql } from "drizzle-orm";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bulkImportBatchTrackers, bulkImportEntities, bulkImports, bulkImportTrackers, getDatabaseUrl, getDb, labels } from "@/lib/db";
import { makeUser, unique } from "@/test/helpers/factories";
import { importResult, waitForImports } from "@/test/helpers/imports";
import { runImportWorker } from "@/test/helpers/import-worker";
import { DEFAULT_TOKEN, startTestSource, syntheticRelation, type TestSource } from "@/test/source";
import { IMPORT_EVENTS_CHANNEL } from "../notify";
import { startImports, STATUS, TRACKER_STATUS } from "../index";
import { runBatch, runBatches, type EngineJob } from "./run-batch";
import { jobsOf } from "./run-pipeline";

runImportWorker("pgboss_run_batch_test");

const JOB = { retryCount: 0, retryLimit: 5 };
const LABELS = 12;
const BATCH = 4;

// Statements are counted by the async context that sent them: the worker of this file runs beside the test, and its
// polling and jobs are not the batch's.
const counting = new AsyncLocalStorage<{ statements: string[] }>();
const query = pg.Client.prototype.query;

/** Runs one batch job and gives the statements it sent to PostgreSQL. */
async function statementsOf(run: () => Promise<void>): Promise<string[]> {
  const seen = { statements: [] as string[] };
  await counting.run(seen, run);
  return seen.statements;
}

let source: TestSource;
let entityId: number;
let trackerId: number;
let groupId: number;

/** The labels relation as it stood before its batches ran: entity and tracker running, every batch to do, no labels. */
async function resetToRunning() {
  await getDb().delete(labels).where(eq(labels.groupId, groupId));
  await getDb().update(bulkImportEntities).set({ status: STATUS.started, updatedAt: sql`now() - interval '1 hour'` }).where(eq(bulkImportEntities.id, entityId));
  await getDb().update(bulkImportTrackers).set({ status: TRACKER_STATUS.started, fetchedObjectsCount: 0, importedObjectsCount: 0, finishedAt: null }).where(eq(bulkImportTrackers.id, trackerId));
  await getDb()
    .update(bulkImportBatchTrackers)
    .set({ status: STATUS.created, fetchedObjectsCount: 0, importedObjectsCount: 0, startedAt: null, finishedAt: null })
    .where(eq(bulkImportBatchTrackers.trackerId, trackerId));
}

const batchRow = async (batchNumber: number) =>
  (await getDb().select().from(bulkImportBatchTrackers).where(and(eq(bulkImportBatchTrackers.trackerId, trackerId), eq(bulkImportBatchTrackers.batchNumber, batchNumber))))[0]!;
const trackerRow = async () => (await getDb().select().from(bulkImportTrackers).where(eq(bulkImportTrackers.id, trackerId)))[0]!;
const labelCount = async () => (await getDb().select({ n: sql<number>`count(*)::int` }).from(labels).where(eq(labels.groupId, groupId)))[0]!.n;

beforeAll(async () => {
  pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
    const first = args[0] as string | { text?: string } | undefined;
    counting.getStore()?.statements.push(typeof first === "string" ? first : (first?.text ?? "COPY"));
    return (query as (...a: unknown[]) => unknown).apply(this, args);
  } as typeof query;
  source = await startTestSource({ version: "17.8.0-ee", batchSize: BATCH, exportDelayMs: 20 });
  const group = source.addGroup({ path: unique("batches") });
  source.setRelation(group.id, "labels", syntheticRelation("labels", LABELS, group.id));
  const [started] = await startImports(await makeUser(), { url: source.url, token: DEFAULT_TOKEN }, [
    { sourceFullPath: group.path, destinationSlug: unique("batches"), destinationNamespace: "", migrateProjects: false, migrateMemberships: false },
  ]);
  await waitForImports([started!.bulkImportId]);
  const entry = (await importResult(started!.bulkImportId)).get(group.path)!;
  entityId = entry.entity.id;
  groupId = entry.group!.id;
  trackerId = entry.trackers.get("labels")!.id;
});

afterAll(async () => {
  pg.Client.prototype.query = query;
  await source?.close();
});

describe("a batch job", () => {
  it("claims, loads, ends and reports its batch in nine statements, and the last batch ends the relation", async () => {
    await resetToRunning();
    const listener = new pg.Client({ connectionString: getDatabaseUrl() });
    const events: string[] = [];
    await listener.connect();
    listener.on("notification", (message) => events.push(message.payload ?? ""));
    await listener.query(`LISTEN ${IMPORT_EVENTS_CHANNEL}`);
    try {
      const statements = await statementsOf(() => runBatch(trackerId, 1, JOB));
      // The claim; the chunk's transaction (BEGIN, SAVEPOINT, COPY, RELEASE, COMMIT); the batch's end; the count of
      // the tracker's open batches; the progress report. Each is sent for every 1,000 records of every relation.
      expect(statements, statements.join("\n")).toHaveLength(9);
      expect(await labelCount()).toBe(BATCH);
      expect(await batchRow(1)).toMatchObject({ status: STATUS.finished, fetchedObjectsCount: BATCH, importedObjectsCount: BATCH });
      expect((await batchRow(1)).startedAt).not.toBeNull();
      expect(await batchRow(2)).toMatchObject({ status: STATUS.created });
      // The entity had been quiet for an hour: the report was due, so the tracker has the batch's counts, the entity
      // was touched and listeners were told.
      expect(await trackerRow()).toMatchObject({ status: TRACKER_STATUS.started, fetchedObjectsCount: BATCH, importedObjectsCount: BATCH });
      const [entity] = await getDb().select({ quiet: sql<boolean>`${bulkImportEntities.updatedAt} < now() - interval '1 minute'` }).from(bulkImportEntities).where(eq(bulkImportEntities.id, entityId));
      expect(entity!.quiet).toBe(false);
      await expect.poll(() => events.map((e) => JSON.parse(e) as { entityId?: number }).some((e) => e.entityId === entityId)).toBe(true);

      // Not due again within two seconds: the next batch's report writes nothing.
      await runBatch(trackerId, 2, JOB);
      expect(await trackerRow()).toMatchObject({ importedObjectsCount: BATCH });
      await runBatch(trackerId, 3, JOB);
      expect(await labelCount()).toBe(LABELS);
      expect(await trackerRow()).toMatchObject({ status: TRACKER_STATUS.finished, fetchedObjectsCount: LABELS, importedObjectsCount: LABELS });
      const [entityEnd] = await getDb().select({ status: bulkImportEntities.status }).from(bulkImportEntities).where(eq(bulkImportEntities.id, entityId));
      expect(entityEnd!.status).toBe(STATUS.finished);
    } finally {
      await listener.end();
    }
  });

  it("of an entity that stopped is canceled and loads nothing; one already done sums its relation up again", async () => {
    await resetToRunning();
    await getDb().update(bulkImportEntities).set({ status: STATUS.canceled }).where(eq(bulkImportEntities.id, entityId));
    await runBatch(trackerId, 1, JOB);
    expect(await batchRow(1)).toMatchObject({ status: STATUS.canceled });
    expect(await labelCount()).toBe(0);

    // A retried job whose batch an earlier run ended: the relation is summed up and ended, nothing loaded twice.
    await resetToRunning();
    await getDb().update(bulkImportBatchTrackers).set({ status: STATUS.finished, fetchedObjectsCount: BATCH, importedObjectsCount: BATCH }).where(eq(bulkImportBatchTrackers.trackerId, trackerId));
    await runBatch(trackerId, 2, JOB);
    expect(await labelCount()).toBe(0);
    expect(await trackerRow()).toMatchObject({ status: TRACKER_STATUS.finished, importedObjectsCount: LABELS });
    const [bulkImport] = await getDb()
      .select({ status: bulkImports.status })
      .from(bulkImports)
      .innerJoin(bulkImportEntities, eq(bulkImportEntities.bulkImportId, bulkImports.id))
      .where(eq(bulkImportEntities.id, entityId));
    expect(bulkImport!.status).toBe(STATUS.finished);
  });

  it("of several batches runs them in turn, passing over those an earlier run of it ended", async () => {
    await resetToRunning();
    // A retried job: its first run ended batch 1 and failed on batch 2.
    await getDb()
      .update(bulkImportBatchTrackers)
      .set({ status: STATUS.finished, fetchedObjectsCount: BATCH, importedObjectsCount: BATCH })
      .where(and(eq(bulkImportBatchTrackers.trackerId, trackerId), eq(bulkImportBatchTrackers.batchNumber, 1)));
    await runBatches(trackerId, [1, 2, 3], { ...JOB, retryCount: 1 });
    expect(await labelCount()).toBe(LABELS - BATCH);
    expect(await trackerRow()).toMatchObject({ status: TRACKER_STATUS.finished, fetchedObjectsCount: LABELS, importedObjectsCount: LABELS });
  });

  it("hands the batches it has not begun to a next job once its time is up", async () => {
    await resetToRunning();
    // Started long ago with a minute to run: past three quarters of it, so only the first batch runs here.
    const job = { ...JOB, startedOn: new Date(Date.now() - 3_600_000), expireIn: { minutes: 1 } as EngineJob["expireIn"] };
    const batchJobs = async () =>
      (
        await getDb().execute<{ id: string; batches: number[] }>(
          sql`SELECT id, data->'batchNumbers' AS batches FROM pgboss_run_batch_test.job WHERE name = 'import.batch' AND (data->>'trackerId')::int = ${trackerId}`,
        )
      ).rows;
    const before = new Set((await batchJobs()).map((row) => row.id));
    await runBatches(trackerId, [1, 2, 3], job);
    expect(await batchRow(1)).toMatchObject({ status: STATUS.finished, importedObjectsCount: BATCH });
    expect((await batchJobs()).filter((row) => !before.has(row.id)).map((row) => row.batches)).toEqual([[2, 3]]);
    // This file's worker runs the next job: the relation ends with every label.
    await expect.poll(async () => (await trackerRow()).status, { timeout: 20_000 }).toBe(TRACKER_STATUS.finished);
    expect(await labelCount()).toBe(LABELS);
    expect(await trackerRow()).toMatchObject({ importedObjectsCount: LABELS });
  });
});

describe("batch jobs", () => {
  const numbers = (count: number) => Array.from({ length: count }, (_, i) => i + 1);

  it("group up to four batches a job, and keep at least eight jobs while there are eight batches", () => {
    expect(jobsOf(numbers(100))).toHaveLength(25);
    expect(jobsOf(numbers(100)).every((job) => job.length === 4)).toBe(true);
    expect(jobsOf(numbers(20)).map((job) => job.length)).toEqual([2, 2, 2, 2, 2, 2, 2, 2, 2, 2]);
    expect(jobsOf(numbers(7))).toEqual(numbers(7).map((n) => [n]));
    expect(jobsOf(numbers(37)).flat()).toEqual(numbers(37));
    expect(jobsOf([])).toEqual([]);
  });
});
