// `npm run bench:merge-requests`: a project's merge requests by direct transfer, against GitLab's documented pace.
//
// BENCH_MRS merge requests (default 1,000), each with 10 commits and 30 files (diffs of BENCH_MR_DIFF_BYTES bytes,
// default 2,000), three notes (one a diff note with a position, its hunk and a suggestion), an assignee, a reviewer,
// an approval, metrics, a label and a state event; plus one merge request of BENCH_MR_HUGE_FILES files (default 1,000,
// 20,000 bytes of diff each: one record of about 20 MB). Served by the test source in batches of 1,000 (a 17.8 source)
// and imported by a real `ferry worker` process. Printed: the merge requests tracker's time from started to finished,
// ms per merge request and the ratio to GitLab's documented ~1 s per merge request (Ferry's target: at least 100 times
// faster), CPU per merge request, and the worker's peak resident memory (VmHWM), which must stay flat however large
// the relation: records are streamed, chunked by count and by bytes.
import fs from "node:fs";
import { benchDatabase, benchEnvironment, startWorker, stopChild } from "./bench/harness";

const dataDir = benchEnvironment();
const COUNT = Number(process.env.BENCH_MRS ?? 1_000);
const DIFF_BYTES = Number(process.env.BENCH_MR_DIFF_BYTES ?? 2_000);
const HUGE_FILES = Number(process.env.BENCH_MR_HUGE_FILES ?? 1_000);
const HUGE_DIFF_BYTES = 20_000;

const { and, eq } = await import("drizzle-orm");
const { bulkImportEntities, bulkImportTrackers, closeDb, getDb } = await import("@/lib/db");
const { stopBoss } = await import("@/lib/jobs");
const { startImports, STATUS } = await import("@/lib/migration");
const { createUser } = await import("@/lib/users");
const { waitForImports } = await import("@/test/helpers/imports");
const { DEFAULT_TOKEN, generated, startTestSource } = await import("@/test/source");
const { mergeRequestRecord } = await import("./bench/history-records");
const { cpuSeconds, peakRssBytes, postgresCpuSeconds } = await import("./bench/proc-stats");
const { embedded, postmaster } = await benchDatabase(dataDir);

const source = await startTestSource({ version: "17.8.0", batchSize: 1000 });
const total = COUNT + (HUGE_FILES > 0 ? 1 : 0);
source.addProject({
  groupId: 4351, path: "bench", name: "Bench",
  // Generated one record at a time as the download streams: the source holds none of them.
  relations: { merge_requests: generated(total, (index) => (index === COUNT ? mergeRequestRecord(index, HUGE_FILES, HUGE_DIFF_BYTES) : mergeRequestRecord(index, 30, DIFF_BYTES))) },
});
const user = await createUser({ username: "bench", email: "bench@example.com", name: "Bench", password: "bench password" });
const worker = await startWorker("merge-requests");
try {
  const peakBefore = peakRssBytes(worker.pid!);
  const cpuBefore = { worker: cpuSeconds(worker.pid!), postgres: postgresCpuSeconds(postmaster) };
  const [bulk] = await startImports(user, { url: source.url, token: DEFAULT_TOKEN }, [
    { sourceFullPath: source.group(4351).path, destinationSlug: `bench-${Date.now()}`, destinationNamespace: "", migrateProjects: true, migrateMemberships: false },
  ]);
  const [done] = await waitForImports([bulk!.bulkImportId], 3_600_000);
  if (done!.status !== STATUS.finished) throw new Error(`the import ended with status ${done!.status}`);
  const cpu = { worker: cpuSeconds(worker.pid!) - cpuBefore.worker, postgres: postgresCpuSeconds(postmaster) - cpuBefore.postgres };
  const [tracker] = await getDb()
    .select({ startedAt: bulkImportTrackers.startedAt, finishedAt: bulkImportTrackers.finishedAt, imported: bulkImportTrackers.importedObjectsCount })
    .from(bulkImportTrackers)
    .innerJoin(bulkImportEntities, eq(bulkImportEntities.id, bulkImportTrackers.entityId))
    .where(and(eq(bulkImportEntities.bulkImportId, bulk!.bulkImportId), eq(bulkImportTrackers.relation, "merge_requests")));
  const seconds = (tracker!.finishedAt!.getTime() - tracker!.startedAt!.getTime()) / 1000;
  if (tracker!.imported !== total) throw new Error(`imported ${tracker!.imported} of ${total} merge requests`);
  const perMr = seconds / total;
  const relationMb = (COUNT * 30 * DIFF_BYTES + HUGE_FILES * HUGE_DIFF_BYTES) / 1e6;
  const mb = (bytes: number) => (bytes / 1024 / 1024).toFixed(0);
  console.log(`merge requests: ${total} (10 commits, 30 files of ${DIFF_BYTES} B each; one of ${HUGE_FILES} files of ${HUGE_DIFF_BYTES} B), about ${relationMb.toFixed(0)} MB of diffs`);
  console.log(`time: ${seconds.toFixed(1)} s (export wait and download included): ${(perMr * 1000).toFixed(2)} ms per merge request`);
  console.log(`against GitLab's documented ~1 s per merge request: ${(1 / perMr).toFixed(0)}x faster (target: 100x)`);
  const cpuMs = ((cpu.worker + cpu.postgres) * 1000) / total;
  console.log(`CPU per merge request (whole import): ${cpuMs.toFixed(2)} ms (worker ${((cpu.worker * 1000) / total).toFixed(2)}, PostgreSQL ${((cpu.postgres * 1000) / total).toFixed(2)})`);
  console.log(`worker peak RSS: ${mb(peakRssBytes(worker.pid!))} MB (${mb(peakBefore)} MB when it started)`);
} finally {
  await stopChild(worker);
  await source.close();
  await stopBoss();
  await closeDb();
  await embedded.stop();
  fs.rmSync(dataDir, { recursive: true, force: true });
}
