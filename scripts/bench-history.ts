// `npm run bench:history`: a project's history (issues with their notes, merge requests with their diffs and notes,
// CI pipelines with stages and jobs) by direct transfer, against PostgreSQL's own bulk load of the same rows and
// against GitLab's documented pace.
//
// BENCH_ISSUES issues (default 20,000), each with a description of 300-2,000 bytes, BENCH_NOTES notes (default 10), a
// label, an assignee, an award emoji and sometimes a state event; BENCH_MRS merge requests (default 2,000), each with
// 10 commits, 30 files of 2,000 bytes of diff, three notes (a diff thread with its hunk and a suggestion, and a system
// note), an assignee, a reviewer, an approval, metrics and a label; BENCH_PIPELINES pipelines (default 10,000) with two
// stages of two jobs. Served by the test source in batches of 1,000 (a 17.8 source) and imported by a real
// `ferry worker` process. Printed per relation: the tracker's time from started to finished (export wait and download
// included), the rows it wrote in every table, its rows per second against COPY of exactly those rows into
// same-shaped tables of the same database (copy-baseline.ts), CPU per row, and for issues the ratio to GitLab's
// documented 0.1 s per issue. The worker's peak RSS too. BENCH_PG_SETTINGS=shared_preload_libraries=pg_stat_statements
// adds where PostgreSQL's time went.
import fs from "node:fs";
import { benchDatabase, benchEnvironment, startWorker, stopChild } from "./bench/harness";

const dataDir = benchEnvironment();
const ISSUES = Number(process.env.BENCH_ISSUES ?? 20_000);
const NOTES = Number(process.env.BENCH_NOTES ?? 10);
const MRS = Number(process.env.BENCH_MRS ?? 2_000);
const PIPELINES = Number(process.env.BENCH_PIPELINES ?? 10_000);

const { and, eq } = await import("drizzle-orm");
const { bulkImportEntities, bulkImportTrackers, closeDb, getDb, getPool } = await import("@/lib/db");
const { stopBoss } = await import("@/lib/jobs");
const { startImports, STATUS } = await import("@/lib/migration");
const { createUser } = await import("@/lib/users");
const { waitForImports } = await import("@/test/helpers/imports");
const { DEFAULT_TOKEN, generated, startTestSource } = await import("@/test/source");
const { ciPipelineRecord, issueRecord, mergeRequestRecord } = await import("./bench/history-records");
const { copyBaseline } = await import("./bench/copy-baseline");
const { cpuSeconds, postgresCpuSeconds, rssBytes } = await import("./bench/proc-stats");
const { printStatements, resetStatements } = await import("./bench/statements");
const { embedded, postmaster } = await benchDatabase(dataDir);

/** The tables each relation writes, and which of their rows belong to the imported project (for the COPY baseline). */
const TABLES: Record<string, (projectId: number) => { table: string; where: string }[]> = {
  issues: (projectId) => {
    const ofIssues = `issue_id IN (SELECT id FROM issues WHERE project_id = ${projectId})`;
    return [
      { table: "issues", where: `project_id = ${projectId}` },
      { table: "notes", where: `project_id = ${projectId} AND noteable_type = 'Issue'` },
      { table: "issue_assignees", where: ofIssues },
      { table: "issue_labels", where: ofIssues },
      { table: "award_emoji", where: `awardable_type = 'Issue' AND awardable_id IN (SELECT id FROM issues WHERE project_id = ${projectId})` },
      { table: "resource_state_events", where: `project_id = ${projectId} AND ${ofIssues}` },
    ];
  },
  merge_requests: (projectId) => {
    const ofMrs = `merge_request_id IN (SELECT id FROM merge_requests WHERE project_id = ${projectId})`;
    const ofDiffs = `merge_request_diff_id IN (SELECT id FROM merge_request_diffs WHERE ${ofMrs})`;
    const ofNotes = `note_id IN (SELECT id FROM notes WHERE project_id = ${projectId} AND noteable_type = 'MergeRequest')`;
    return [
      { table: "merge_requests", where: `project_id = ${projectId}` },
      { table: "merge_request_diffs", where: ofMrs },
      { table: "merge_request_diff_commits", where: ofDiffs },
      { table: "merge_request_diff_files", where: ofDiffs },
      { table: "notes", where: `project_id = ${projectId} AND noteable_type = 'MergeRequest'` },
      { table: "note_diff_files", where: ofNotes },
      { table: "suggestions", where: ofNotes },
      ...["merge_request_assignees", "merge_request_reviewers", "merge_request_approvals", "merge_request_metrics", "merge_request_labels"].map((table) => ({ table, where: ofMrs })),
      { table: "resource_state_events", where: `project_id = ${projectId} AND ${ofMrs}` },
    ];
  },
  ci_pipelines: (projectId) => [
    { table: "ci_pipelines", where: `project_id = ${projectId}` },
    { table: "ci_stages", where: `project_id = ${projectId}` },
    { table: "ci_builds", where: `project_id = ${projectId}` },
  ],
};

const source = await startTestSource({ version: "17.8.0", batchSize: 1000 });
source.addProject({
  groupId: 4351,
  path: "bench",
  name: "Bench",
  relations: {
    issues: generated(ISSUES, (i) => issueRecord(i, NOTES)),
    merge_requests: generated(MRS, (i) => mergeRequestRecord(i, 30, 2_000)),
    ci_pipelines: generated(PIPELINES, ciPipelineRecord),
  },
});
const user = await createUser({ username: "bench", email: "bench@example.com", name: "Bench", password: "bench password" });
const worker = await startWorker("history");
try {
  await resetStatements();
  const cpuBefore = cpuSeconds(worker.pid!);
  let peakRss = 0;
  const sampler = setInterval(() => (peakRss = Math.max(peakRss, rssBytes(worker.pid!))), 100);
  const [bulk] = await startImports(user, { url: source.url, token: DEFAULT_TOKEN }, [
    { sourceFullPath: source.group(4351).path, destinationSlug: `bench-${Date.now()}`, destinationNamespace: "", migrateProjects: true, migrateMemberships: false },
  ]);
  const [done] = await waitForImports([bulk!.bulkImportId], 3_600_000);
  clearInterval(sampler);
  const workerCpu = cpuSeconds(worker.pid!) - cpuBefore;
  if (done!.status !== STATUS.finished) throw new Error(`the import ended with status ${done!.status}`);
  await printStatements();

  const [project] = await getDb().select({ projectId: bulkImportEntities.projectId, entityId: bulkImportEntities.id }).from(bulkImportEntities).where(and(eq(bulkImportEntities.bulkImportId, bulk!.bulkImportId), eq(bulkImportEntities.sourceType, "project_entity")));
  const client = await getPool().connect();
  let ferrySeconds = 0;
  let ferryRows = 0;
  let copySeconds = 0;
  let copyCpu = 0;
  try {
    for (const [relation, tablesOf] of Object.entries(TABLES)) {
      const [tracker] = await getDb()
        .select({ startedAt: bulkImportTrackers.startedAt, finishedAt: bulkImportTrackers.finishedAt, imported: bulkImportTrackers.importedObjectsCount })
        .from(bulkImportTrackers)
        .where(and(eq(bulkImportTrackers.entityId, project!.entityId), eq(bulkImportTrackers.relation, relation)));
      const seconds = (tracker!.finishedAt!.getTime() - tracker!.startedAt!.getTime()) / 1000;
      const copy = await copyBaseline(client, tablesOf(project!.projectId!), () => postgresCpuSeconds(postmaster));
      ferrySeconds += seconds;
      ferryRows += copy.rows;
      copySeconds += copy.seconds;
      copyCpu += copy.cpuSeconds;
      console.log(
        `${relation}: ${tracker!.imported} records, ${copy.rows} rows in ${seconds.toFixed(1)} s: Ferry ${(copy.rows / seconds).toFixed(0)} rows/s, ` +
          `COPY ${(copy.rows / copy.seconds).toFixed(0)} rows/s, ratio ${(copy.seconds / seconds).toFixed(2)}`,
      );
      if (relation === "issues") console.log(`  ${((seconds / tracker!.imported) * 1000).toFixed(2)} ms per issue with ${NOTES} notes: ${(0.1 / (seconds / tracker!.imported)).toFixed(0)}x GitLab's documented 0.1 s per issue (target: 100x)`);
      if (relation === "merge_requests") console.log(`  ${((seconds / tracker!.imported) * 1000).toFixed(2)} ms per merge request: ${(1 / (seconds / tracker!.imported)).toFixed(0)}x GitLab's documented ~1 s per merge request (target: 100x)`);
    }
  } finally {
    client.release();
  }
  console.log(`all: Ferry ${(ferryRows / ferrySeconds).toFixed(0)} rows/s, COPY ${(ferryRows / copySeconds).toFixed(0)} rows/s, ratio ${(copySeconds / ferrySeconds).toFixed(2)} (goal: at least 0.3)`);
  // The rest of the project's import, after the relations above: what a user waits for too (references, metrics...).
  const steps = await getDb()
    .select({ relation: bulkImportTrackers.relation, startedAt: bulkImportTrackers.startedAt, finishedAt: bulkImportTrackers.finishedAt })
    .from(bulkImportTrackers)
    .where(eq(bulkImportTrackers.entityId, project!.entityId));
  const others = steps
    .filter((step) => !(step.relation in TABLES) && step.startedAt && step.finishedAt)
    .map((step) => ({ relation: step.relation, seconds: (step.finishedAt!.getTime() - step.startedAt!.getTime()) / 1000 }))
    .filter((step) => step.seconds >= 0.5)
    .sort((a, b) => b.seconds - a.seconds);
  const wall = (done!.updatedAt.getTime() - done!.createdAt.getTime()) / 1000;
  console.log(`whole import: ${wall.toFixed(1)} s; other steps of 0.5 s or more: ${others.map((step) => `${step.relation} ${step.seconds.toFixed(1)} s`).join(", ") || "none"}`);
  console.log(`CPU per row: worker ${((workerCpu / ferryRows) * 1e6).toFixed(0)} µs (whole import), COPY ${((copyCpu / ferryRows) * 1e6).toFixed(0)} µs; worker peak RSS ${(peakRss / 2 ** 20).toFixed(0)} MB`);
} finally {
  await stopChild(worker);
  await source.close();
  await stopBoss();
  await closeDb();
  await embedded.stop();
  fs.rmSync(dataDir, { recursive: true, force: true });
}
