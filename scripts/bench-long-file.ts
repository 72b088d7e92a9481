// `npm run bench:long-file`: one unbatched relation of BENCH_FILE_MB megabytes (default 500; epics, as a source before
// GitLab 16.2 exports them) imported by a compiled worker that is killed with SIGKILL part-way (BENCH_KILL_AT, default
// 0.4 of the file) and replaced by a new one. Printed: the file's size and records, each worker's peak RSS, where the
// kill struck and where the new worker resumed (a resume at the last checkpoint re-loads nothing committed), the time
// to resume and the import's rate. Fails unless every epic is in exactly once, with parents, and nothing failed.
import fs from "node:fs";
import { benchDatabase, benchEnvironment, startChild, startWorker, stopChild } from "./bench/harness";

const dataDir = benchEnvironment();
const FILE_MB = Number(process.env.BENCH_FILE_MB ?? 500);
const KILL_AT = Number(process.env.BENCH_KILL_AT ?? 0.4);

const { and, eq, isNotNull, sql } = await import("drizzle-orm");
const { bulkImportBatchTrackers, bulkImportEntities, bulkImportTrackers, closeDb, epics, getDb } = await import("@/lib/db");
const { stopBoss } = await import("@/lib/jobs");
const { startImports, STATUS } = await import("@/lib/migration");
const { createUser } = await import("@/lib/users");
const { waitForImports } = await import("@/test/helpers/imports");
const { rssBytes } = await import("./bench/proc-stats");
const { embedded } = await benchDatabase(dataDir);

const { child: sourceProcess, line } = await startChild(["scripts/bench/source-process.ts"], { LOG_LEVEL: "warn", BENCH_FILE_MB: String(FILE_MB) }, (l) => l.startsWith("{"));
const source = JSON.parse(line) as { url: string; token: string; group: string; records: number };
const user = await createUser({ username: "bench", email: "bench@example.com", name: "Bench", password: "bench password" });
const db = getDb();

const peak = new Map<number, number>();
const sampler = setInterval(() => {
  for (const pid of peak.keys()) peak.set(pid, Math.max(peak.get(pid)!, rssBytes(pid)));
}, 100);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

const first = await startWorker("first");
peak.set(first.pid!, 0);
const clock = performance.now();
const [bulk] = await startImports(user, { url: source.url, token: source.token }, [
  { sourceFullPath: source.group, destinationSlug: "long-file", destinationNamespace: "", migrateProjects: false, migrateMemberships: false },
]);
const [entity] = await db.select().from(bulkImportEntities).where(eq(bulkImportEntities.bulkImportId, bulk!.bulkImportId));
const epicsBatch = async () =>
  (
    await db
      .select({ checkpointLine: bulkImportBatchTrackers.checkpointLine })
      .from(bulkImportBatchTrackers)
      .innerJoin(bulkImportTrackers, eq(bulkImportTrackers.id, bulkImportBatchTrackers.trackerId))
      .where(and(eq(bulkImportTrackers.entityId, entity!.id), eq(bulkImportTrackers.relation, "epics")))
  )[0];
const storedEpics = async (where = sql`true`) => (await db.select({ n: sql<number>`count(*)::int` }).from(epics).where(and(eq(epics.importEntityId, entity!.id), where)))[0]!.n;

// SIGKILL once the file's checkpoint passes KILL_AT of its lines: no chance to finish a chunk or say goodbye.
while (((await epicsBatch())?.checkpointLine ?? 0) < source.records * KILL_AT) await sleep(200);
await stopChild(first, "SIGKILL");
const killedAt = (await epicsBatch())!.checkpointLine;
const committed = await storedEpics();
const killClock = performance.now();

let resumedAfter: number | undefined;
let resumeSeconds: number | undefined;
const second = await startWorker("second", (entry) => {
  if (!entry.includes('"resuming a checkpointed file"')) return;
  resumedAfter = (JSON.parse(entry) as { afterLine: number }).afterLine;
  resumeSeconds = (performance.now() - killClock) / 1000;
});
peak.set(second.pid!, 0);
const [done] = await waitForImports([bulk!.bulkImportId], 3_600_000);
const seconds = (performance.now() - clock) / 1000;
clearInterval(sampler);
const [stored, withParent] = [await storedEpics(), await storedEpics(isNotNull(epics.parentId))];
await stopChild(second);
await stopChild(sourceProcess);
await stopBoss();
await closeDb();
await embedded.stop();
fs.rmSync(dataDir, { recursive: true, force: true });

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;
console.log(`one unbatched epics file of ${FILE_MB} MB, ${source.records} records, imported in ${seconds.toFixed(0)} s (${(source.records / seconds).toFixed(0)} rec/s, kill and resume included)`);
console.log(`worker peak RSS: ${mb(peak.get(first.pid!)!)} before the kill, ${mb(peak.get(second.pid!)!)} after`);
console.log(`killed at checkpoint line ${killedAt} (${committed} epics committed); the new worker resumed after line ${resumedAfter ?? "?"}, ${resumeSeconds?.toFixed(0) ?? "?"} s after the kill`);
console.log(`stored ${stored} epics (${withParent} with a parent), import ${done!.status === STATUS.finished ? "finished" : `status ${done!.status}`}${done!.hasFailures ? " with failures" : ""}`);
const expectedParents = source.records - Math.ceil(source.records / 10);
if (done!.status !== STATUS.finished || done!.hasFailures || stored !== source.records || withParent !== expectedParents || resumedAfter === undefined || resumedAfter < killedAt) {
  console.error("FAILED: the import did not end with every epic in once, or did not resume from its checkpoint");
  process.exitCode = 1;
}
