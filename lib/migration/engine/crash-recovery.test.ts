import { eq } from "drizzle-orm";
import { afterAll, describe, expect, it } from "vitest";
import { bulkImportEntities, bulkImports, bulkImportTrackers, getDb, sqlExecutor } from "@/lib/db";
import { enqueueIn, getBoss, stopBoss } from "@/lib/jobs";
import { makeUser, unique } from "@/test/helpers/factories";
import { STATUS, TRACKER_STATUS } from "../status";
import { nudgeStalledImports } from "./nudge";
import { runPipeline } from "./run-pipeline";

// A queue of this file's own (no other file's worker takes these jobs), and a nudge that looks at work quiet for 5 s.
Object.assign(process.env, { FERRY_QUEUE_SCHEMA: "test_crash_recovery", FERRY_IMPORT_NUDGE_SECONDS: "5" });

const anHourAgo = () => new Date(Date.now() - 3_600_000);
const job = { retryCount: 0, retryLimit: 5 };

/** A started import of one group entity whose stage 1 has ended and whose stage 2 waits: where a crash can leave it. */
async function importBetweenStages() {
  const user = await makeUser();
  const [bulkImport] = await getDb()
    .insert(bulkImports)
    .values({ userId: user.id, sourceUrl: "https://gitlab.example.com", sourceVersion: "17.8.0", tokenCiphertext: "v1:x:y:z", status: STATUS.started, updatedAt: anHourAgo() })
    .returning();
  const [entity] = await getDb()
    .insert(bulkImportEntities)
    .values({ bulkImportId: bulkImport!.id, sourceType: "group_entity", sourceFullPath: unique("g"), destinationSlug: unique("d"), destinationNamespace: "", status: STATUS.started, updatedAt: anHourAgo() })
    .returning();
  const [ended, waiting] = await getDb()
    .insert(bulkImportTrackers)
    .values([
      { entityId: entity!.id, relation: "labels", stage: 1, status: TRACKER_STATUS.finished },
      { entityId: entity!.id, relation: "boards", stage: 2, status: TRACKER_STATUS.created },
    ])
    .returning();
  return { bulkImport: bulkImport!, entity: entity!, ended: ended!, waiting: waiting! };
}

const statusOf = async (table: typeof bulkImports | typeof bulkImportEntities | typeof bulkImportTrackers, id: number) =>
  (await getDb().select({ status: table.status }).from(table).where(eq(table.id, id)))[0]!.status;

async function queuedPipelineJobs(trackerId: number): Promise<number> {
  const boss = await getBoss();
  const jobs = await boss.fetch<{ trackerId: number }>("import.pipeline", { batchSize: 100 });
  // Handed back at once: this file only counts them.
  const mine = jobs.filter((j) => j.data.trackerId === trackerId);
  if (jobs.length > 0) await boss.fail("import.pipeline", jobs.map((j) => j.id));
  return mine.length;
}

describe("after a crash", () => {
  afterAll(() => stopBoss());

  it("a job sent inside a transaction exists only if the transaction commits", async () => {
    const boss = await getBoss();
    let rolledBack: string | null = null;
    await expect(
      getDb().transaction(async (tx) => {
        rolledBack = await enqueueIn(sqlExecutor(tx), "housekeeping", { reason: "manual" });
        throw new Error("crash before commit");
      }),
    ).rejects.toThrow("crash before commit");
    expect(rolledBack).not.toBeNull();
    expect(await boss.getJobById("housekeeping", rolledBack!)).toBeNull();

    const committed = await getDb().transaction((tx) => enqueueIn(sqlExecutor(tx), "housekeeping", { reason: "manual" }));
    expect(await boss.getJobById("housekeeping", committed!)).toMatchObject({ state: "created", data: { reason: "manual" } });
  });

  it("a retried pipeline job whose tracker an earlier run ended moves the entity on to its next stage", async () => {
    const { entity, ended, waiting } = await importBetweenStages();
    await runPipeline(ended.id, 0, job);
    expect(await statusOf(bulkImportTrackers, waiting.id)).toBe(TRACKER_STATUS.enqueued);
    expect(await queuedPipelineJobs(waiting.id)).toBe(1);
    expect(await statusOf(bulkImportEntities, entity.id)).toBe(STATUS.started);
  });

  it("the nudge moves a quiet entity on, and ends it and its import once nothing is left, touching no other import", async () => {
    const mine = await importBetweenStages();
    const other = await importBetweenStages();
    expect(await nudgeStalledImports({ bulkImportIds: [mine.bulkImport.id] })).toMatchObject({ entities: 1 });
    expect(await statusOf(bulkImportTrackers, mine.waiting.id)).toBe(TRACKER_STATUS.enqueued);
    expect(await queuedPipelineJobs(mine.waiting.id)).toBe(1);

    // A running stage is left alone however quiet; once it ends (and its job died before moving on), the entity ends.
    await getDb().update(bulkImportEntities).set({ updatedAt: anHourAgo() }).where(eq(bulkImportEntities.id, mine.entity.id));
    expect(await nudgeStalledImports({ bulkImportIds: [mine.bulkImport.id] })).toMatchObject({ entities: 0 });
    await getDb().update(bulkImportTrackers).set({ status: TRACKER_STATUS.finished }).where(eq(bulkImportTrackers.id, mine.waiting.id));
    await getDb().update(bulkImportEntities).set({ updatedAt: anHourAgo() }).where(eq(bulkImportEntities.id, mine.entity.id));
    await nudgeStalledImports({ bulkImportIds: [mine.bulkImport.id] });
    expect(await statusOf(bulkImportEntities, mine.entity.id)).toBe(STATUS.finished);
    expect(await statusOf(bulkImports, mine.bulkImport.id)).toBe(STATUS.finished);

    expect(await statusOf(bulkImportTrackers, other.waiting.id)).toBe(TRACKER_STATUS.created);
    expect(await statusOf(bulkImports, other.bulkImport.id)).toBe(STATUS.started);
  });

  it("the nudge leaves an entity alone until its first stage was handed out (the export request owns it)", async () => {
    const { bulkImport, entity, ended } = await importBetweenStages();
    await getDb().update(bulkImportTrackers).set({ status: TRACKER_STATUS.created }).where(eq(bulkImportTrackers.id, ended.id));
    await nudgeStalledImports({ bulkImportIds: [bulkImport.id] });
    expect(await statusOf(bulkImportTrackers, ended.id)).toBe(TRACKER_STATUS.created);
    expect(await statusOf(bulkImportEntities, entity.id)).toBe(STATUS.started);
  });

  it("the nudge sends the job again of a quiet relation left running with no job, and leaves one with a live job alone", async () => {
    const { bulkImport, waiting } = await importBetweenStages();
    // Running, quiet, and no job anywhere: what a job lost with its worker leaves behind.
    await getDb().update(bulkImportTrackers).set({ status: TRACKER_STATUS.started, updatedAt: anHourAgo() }).where(eq(bulkImportTrackers.id, waiting.id));
    expect(await nudgeStalledImports({ bulkImportIds: [bulkImport.id] })).toMatchObject({ trackers: 1 });
    // Its job is there again (queued): a second nudge finds it live and sends nothing more.
    expect(await nudgeStalledImports({ bulkImportIds: [bulkImport.id] })).toMatchObject({ trackers: 0 });
    expect(await queuedPipelineJobs(waiting.id)).toBe(1);
  });
});
