// `npm run bench:history`: a project's history (issues with their notes, CI pipelines with stages and jobs) by direct
// transfer, against PostgreSQL's own bulk load of the same rows and against GitLab's documented pace.
//
// BENCH_ISSUES issues (default 20,000), each with a description of 300-2,000 bytes, BENCH_NOTES notes (default 10), a
// label, an assignee, an award emoji and sometimes a state event; BENCH_PIPELINES pipelines (default 10,000) with two
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
const PIPELINES = Number(process.env.BENCH_PIPELINES ?? 10_000);

const { and, eq } = await import("drizzle-orm");
const { bulkImportEntities, bulkImportTrackers, closeDb, getDb, getPool } = await import("@/lib/db");
const { stopBoss } = await import("@/lib/jobs");
const { startImports, STATUS } = await import("@/lib/migration");
const { createUser } = await import("@/lib/users");
const { waitForImports } = await import("@/test/helpers/imports");
const { DEFAULT_TOKEN, fromRecords, startTestSource } = await import("@/test/source");
const { copyBaseline } = await import("./bench/copy-baseline");
const { cpuSeconds, postgresCpuSeconds, rssBytes } = await import("./bench/proc-stats");
const { printStatements, resetStatements } = await import("./bench/statements");
const { embedded, postmaster } = await benchDatabase(dataDir);

const WORDS = ["issue", "import", "group", "project", "label", "milestone", "note", "review", "deploy", "error", "fix", "test"];
/** Deterministic words of about `bytes` bytes: every run imports the same records. */
const prose = (index: number, bytes: number) => {
  let text = "";
  for (let i = 0; text.length < bytes; i++) text += `${WORDS[(index * 31 + i * 7) % WORDS.length]} `;
  return text.trimEnd();
};
const at = (index: number) => new Date(Date.UTC(2020, 0, 1) + index * 60_000).toISOString();
const sha = (index: number) => index.toString(16).padStart(40, "0");

function issue(index: number) {
  const iid = index + 1;
  return {
    id: 100_000 + iid, iid, title: `Issue ${iid}`, description: prose(index, 300 + ((index * 7919) % 1700)), state: iid % 3 ? "opened" : "closed",
    author_id: 1 + (index % 50), project_id: 5, created_at: at(index), updated_at: at(index + 1), confidential: false,
    issue_assignees: [{ user_id: 1 + ((index + 1) % 50) }],
    label_links: [{ label: { title: `label-${index % 20}`, color: "#428bca", type: "ProjectLabel" } }],
    award_emoji: [{ name: "thumbsup", user_id: 1 + ((index + 2) % 50), created_at: at(index) }],
    resource_state_events: iid % 3 ? [] : [{ user_id: 1, state: "closed", created_at: at(index + 1) }],
    notes: Array.from({ length: NOTES }, (_, n) => ({
      id: 10_000_000 + index * NOTES + n, note: prose(index * NOTES + n, 200), noteable_type: "Issue", author_id: 1 + ((index + n) % 50), author: { name: `User ${n}` },
      system: n % 5 === 4, created_at: at(index + n), updated_at: at(index + n),
    })),
  };
}

function ciPipeline(index: number) {
  const id = 500_000 + index;
  const job = (stage: number, n: number) => ({
    id: 5_000_000 + index * 4 + stage * 2 + n, name: `job-${stage}-${n}`, stage: `stage-${stage}`, stage_idx: stage, status: "success", ref: "main", tag: false,
    created_at: at(index), started_at: at(index), finished_at: at(index + 1), user_id: 1 + (index % 50), project_id: 5, when: "on_success", allow_failure: false,
  });
  return {
    id, iid: index + 1, project_id: 5, ref: "main", sha: sha(index), before_sha: sha(index - 1 < 0 ? 0 : index - 1), source: "push", status: "success", tag: false,
    created_at: at(index), updated_at: at(index + 1), started_at: at(index), finished_at: at(index + 1), duration: 60, user_id: 1 + (index % 50),
    stages: [0, 1].map((stage) => ({ id: 2_000_000 + index * 2 + stage, name: `stage-${stage}`, position: stage, status: "success", project_id: 5, pipeline_id: id, builds: [job(stage, 0), job(stage, 1)] })),
  };
}

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
    issues: fromRecords(Array.from({ length: ISSUES }, (_, i) => issue(i))),
    ci_pipelines: fromRecords(Array.from({ length: PIPELINES }, (_, i) => ciPipeline(i))),
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
    }
  } finally {
    client.release();
  }
  console.log(`all: Ferry ${(ferryRows / ferrySeconds).toFixed(0)} rows/s, COPY ${(ferryRows / copySeconds).toFixed(0)} rows/s, ratio ${(copySeconds / ferrySeconds).toFixed(2)} (goal: at least 0.3)`);
  console.log(`CPU per row: worker ${((workerCpu / ferryRows) * 1e6).toFixed(0)} µs (whole import), COPY ${((copyCpu / ferryRows) * 1e6).toFixed(0)} µs; worker peak RSS ${(peakRss / 2 ** 20).toFixed(0)} MB`);
} finally {
  await stopChild(worker);
  await source.close();
  await stopBoss();
  await closeDb();
  await embedded.stop();
  fs.rmSync(dataDir, { recursive: true, force: true });
}
