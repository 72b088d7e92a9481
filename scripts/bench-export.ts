// `node --import tsx scripts/bench-export.ts`: exports a large group (20k labels and 10k milestones carrying GitLab's
// fields by default; BENCH_LABELS / BENCH_MILESTONES) from Ferry and prints records per second with ratios measured
// in this run (no absolute thresholds): the worker's batched and whole-file exports against a bare read of the same
// rows, and the download of every file over HTTP. Uses DATABASE_URL, or an embedded PostgreSQL in a temp dir.
//
// Measured on a 2-core development machine (embedded PostgreSQL 18), 250,000 records: batched export in the worker
// ~32k records/s, whole files ~46k records/s, a bare read of the same rows ~54k records/s (ratios 0.59 and 0.85),
// download + gunzip + parse ~90k records/s. At 30,000 records the batched figure includes up to 0.5 s of queue pickup.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { givenOrEmbeddedDatabase, stampedBenchUser } from "./bench/harness";

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "ferry-bench-export-"));
process.env.FERRY_DATA_DIR = dataDir;
process.env.FERRY_QUEUE_SCHEMA = "pgboss_bench_export";
// A failed export throws below; what the logs would add is pg-boss's noise as the database stops at the end.
process.env.LOG_LEVEL ??= "fatal";

const LABELS = Number(process.env.BENCH_LABELS ?? 20_000);
const MILESTONES = Number(process.env.BENCH_MILESTONES ?? 10_000);
const WORKERS = Number(process.env.FERRY_WORKER_CONCURRENCY ?? 5);

const { closeDb, getDb } = await import("@/lib/db/client");
const { labels, milestones, bulkImportExports } = await import("@/lib/db");
const { startWorker, stopBoss } = await import("@/lib/jobs");
const { exchangeJobHandlers, findRelation, startExport, EXPORT_STATUS } = await import("@/lib/exchange");
const { createGroup } = await import("@/lib/groups");
const { createPersonalAccessToken } = await import("@/lib/auth/tokens");
const { startApiServer } = await import("@/test/exchange/api-server");
const { exportGroupOverHttp } = await import("@/test/exchange/export-client");
const { eq } = await import("drizzle-orm");

const stopDb = await givenOrEmbeddedDatabase(dataDir);

// The group: records the size of GitLab's, with the fields an import from GitLab keeps beside the columns.
const { user, stamp } = await stampedBenchUser();
const group = await createGroup(user, { name: "Bench export", path: `bench-export-${stamp}` });
const seedStart = performance.now();
for (let i = 0; i < LABELS; i += 1000) {
  await getDb().insert(labels).values(
    Array.from({ length: Math.min(1000, LABELS - i) }, (_, j) => ({
      groupId: group.id,
      title: `label ${i + j}`,
      color: "#1d2da4",
      description: `Label number ${i + j}, as a source would describe it.`,
      sourceAttributes: { id: 100_000 + i + j, project_id: null, template: false, group_id: 4351, type: "GroupLabel", priorities: [], textColor: "#FFFFFF" },
    })),
  );
}
for (let i = 0; i < MILESTONES; i += 1000) {
  await getDb().insert(milestones).values(
    Array.from({ length: Math.min(1000, MILESTONES - i) }, (_, j) => ({
      groupId: group.id,
      iid: i + j + 1,
      title: `v${i + j}.0`,
      description: "Magnam accusantium fuga quo dolorum.",
      state: (i + j) % 3 === 0 ? ("closed" as const) : ("active" as const),
      dueDate: "2030-01-01",
      sourceAttributes: { id: 200_000 + i + j, project_id: null, group_id: 4352 },
    })),
  );
}
const seedSeconds = (performance.now() - seedStart) / 1000;
const records = LABELS + MILESTONES;
const portable = { kind: "group" as const, id: group.id, fullPath: group.fullPath };

// Baseline: the same rows read through the relations' own queries, page by page, without serializing or writing.
async function bareRead(): Promise<number> {
  const start = performance.now();
  let read = 0;
  for (const name of ["labels", "milestones"]) {
    const relation = findRelation("group", name);
    if (relation?.kind !== "collection") throw new Error(name);
    const ids = await relation.ids(group.id);
    for (let start = 0; start < ids.length; start += 1000) read += (await relation.records(group.id, ids.slice(start, start + 1000))).length;
  }
  if (read !== records) throw new Error(`read ${read} of ${records}`);
  return (performance.now() - start) / 1000;
}

/** One export in the worker, from the start request to the last relation finished. */
async function workerExport(batched: boolean): Promise<number> {
  const start = performance.now();
  await startExport(portable, user.id, { batched, reuseWithinMs: 0 });
  for (;;) {
    const rows = await getDb().select().from(bulkImportExports).where(eq(bulkImportExports.groupId, group.id));
    if (rows.some((r) => r.status === EXPORT_STATUS.failed)) throw new Error("export failed");
    if (rows.every((r) => r.status === EXPORT_STATUS.finished)) break;
    await new Promise((r) => setTimeout(r, 20));
  }
  return (performance.now() - start) / 1000;
}

const worker = await startWorker({ concurrency: WORKERS, handlers: exchangeJobHandlers, pollingIntervalSeconds: 0.5 });
const readSeconds = await bareRead();
const batchedSeconds = await workerExport(true);
const wholeSeconds = await workerExport(false);

// Over HTTP as an importer fetches it: start (the files above are fresh, so they are handed out again), status, and
// every file downloaded, gunzipped and parsed.
const { token } = await createPersonalAccessToken(user.id, { name: "bench", scopes: ["api"] });
const server = await startApiServer();
await workerExport(true);
const httpStart = performance.now();
const exported = await exportGroupOverHttp(server.url, token, group.id, { batched: true, timeoutMs: 600_000 });
const httpSeconds = (performance.now() - httpStart) / 1000;
const downloaded = (exported.get("labels")?.records.length ?? 0) + (exported.get("milestones")?.records.length ?? 0);
if (downloaded !== records) throw new Error(`downloaded ${downloaded} of ${records}`);

await server.close();
await worker.stop();
await stopBoss();
await closeDb();
await stopDb();
fs.rmSync(dataDir, { recursive: true, force: true });

const rate = (seconds: number) => `${Math.round(records / seconds)} rec/s (${seconds.toFixed(2)} s)`;
console.log(`${records} records (${LABELS} labels, ${MILESTONES} milestones), seeded in ${seedSeconds.toFixed(1)} s, ${WORKERS} worker slots per queue`);
console.log(`bare read (relation queries only)   ${rate(readSeconds)}`);
console.log(`export in worker, batched           ${rate(batchedSeconds)}  ratio to bare read ${(readSeconds / batchedSeconds).toFixed(2)}`);
console.log(`export in worker, whole files       ${rate(wholeSeconds)}  ratio to bare read ${(readSeconds / wholeSeconds).toFixed(2)}`);
console.log(`batched/whole throughput ratio      ${(wholeSeconds / batchedSeconds).toFixed(2)}`);
console.log(`download+gunzip+parse over HTTP     ${rate(httpSeconds)}  (files reused, as within GitLab's 3 minutes; ratio to batched export ${(batchedSeconds / httpSeconds).toFixed(2)})`);
