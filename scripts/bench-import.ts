// `npm run bench:import`: imports a large synthetic group from the test source and prints throughput as ratios
// measured in this run (no absolute thresholds): the full import against a bare download+parse of the same data,
// and batched (GitLab >= 16.2) against unbatched exports. Uses DATABASE_URL, or an embedded PostgreSQL in a temp dir.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

process.env.FERRY_ALLOW_LOCAL_SOURCES = "true";
process.env.FERRY_ALLOW_INSECURE_SOURCES = "true";
process.env.FERRY_QUEUE_SCHEMA = "pgboss_bench";
process.env.LOG_LEVEL ??= "warn";
process.env.FERRY_LOG_FD = "2";

const LABELS = Number(process.env.BENCH_LABELS ?? 20_000);
const MILESTONES = Number(process.env.BENCH_MILESTONES ?? 10_000);

const { setDatabaseUrl, closeDb } = await import("@/lib/db/client");
const { startEmbedded } = await import("@/lib/db/embedded");
const { runMigrations } = await import("@/lib/db/migrate");
const { startWorker, stopBoss } = await import("@/lib/jobs");
const { importJobHandlers, startImports, STATUS } = await import("@/lib/migration");
const { SourceClient, readNdjson, startExport, exportStatus, downloadRelation } = await import("@/lib/gitlab");
const { createUser } = await import("@/lib/users");
const { startTestSource, syntheticRelation, DEFAULT_TOKEN } = await import("@/test/source");
const { waitForImports } = await import("@/test/helpers/imports");

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "ferry-bench-"));
let stopDb = async () => undefined as void;
if (process.env.DATABASE_URL) setDatabaseUrl(process.env.DATABASE_URL);
else {
  const embedded = await startEmbedded(dataDir, { adoptOrphan: false });
  setDatabaseUrl(embedded.url);
  stopDb = () => embedded.stop();
}
await runMigrations();

let peakRss = 0;
const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 50);

async function run(version: string) {
  const source = await startTestSource({ version, exportDelayMs: 50, batchSize: 1000 });
  const group = source.addGroup({ path: `bench-${version.replace(/\W/g, "")}` });
  source.setRelation(group.id, "labels", syntheticRelation("labels", LABELS, group.id));
  source.setRelation(group.id, "milestones", syntheticRelation("milestones", MILESTONES, group.id));

  // Baseline: only download and parse the same relations, no database.
  const client = new SourceClient({ url: source.url, token: DEFAULT_TOKEN, allowLocal: true, allowInsecure: true });
  const batched = version >= "16.2";
  const parseStart = performance.now();
  await startExport(client, group.id, { kind: "group", batched });
  let parsed = 0;
  for (const relation of ["labels", "milestones"]) {
    let status = await exportStatus(client, group.id, { kind: "group", relation });
    while (status?.status !== "finished") {
      await new Promise((r) => setTimeout(r, 20));
      status = await exportStatus(client, group.id, { kind: "group", relation });
    }
    const batches = status.batched ? Array.from({ length: status.batchesCount }, (_, i) => i + 1) : [0];
    for (const n of batches) {
      const download = await downloadRelation(client, group.id, relation, { kind: "group", batched: n > 0, batchNumber: n || undefined });
      for await (const item of readNdjson(download.body)) if (item.record) parsed++;
    }
  }
  client.close();
  const parseSeconds = (performance.now() - parseStart) / 1000;

  const user = await createUser({ username: `bench${Date.now()}`, email: `bench${Date.now()}@example.com`, name: "Bench", password: "bench password" });
  const importStart = performance.now();
  const [started] = await startImports(user, { url: source.url, token: DEFAULT_TOKEN }, [
    { sourceFullPath: group.path, destinationSlug: `${group.path}-${Date.now()}`, destinationNamespace: "", migrateProjects: false, migrateMemberships: false },
  ]);
  const [done] = await waitForImports([started!.bulkImportId], 600_000);
  const importSeconds = (performance.now() - importStart) / 1000;
  await source.close();
  if (done!.status !== STATUS.finished || done!.hasFailures) throw new Error(`bench import ended ${done!.status}`);
  return { records: LABELS + MILESTONES, parsed, parseSeconds, importSeconds };
}

const worker = await startWorker({ concurrency: Number(process.env.FERRY_WORKER_CONCURRENCY ?? 5), handlers: importJobHandlers });
const rssBefore = process.memoryUsage().rss;
const batched = await run("17.8.0-ee");
const unbatched = await run("16.1.0");
clearInterval(sampler);
await worker.stop();
await stopBoss();
await closeDb();
await stopDb();
fs.rmSync(dataDir, { recursive: true, force: true });

const mb = (n: number) => (n / 1024 / 1024).toFixed(0);
for (const [name, r] of Object.entries({ batched, unbatched })) {
  console.log(
    `${name.padEnd(9)} ${r.records} records: import ${(r.records / r.importSeconds).toFixed(0)} rec/s (${r.importSeconds.toFixed(1)} s), ` +
      `download+parse alone ${(r.parsed / r.parseSeconds).toFixed(0)} rec/s; import/parse ratio ${(r.parseSeconds / r.importSeconds).toFixed(2)}`,
  );
}
console.log(`batched/unbatched throughput ratio: ${(unbatched.importSeconds / batched.importSeconds).toFixed(2)}`);
console.log(`worker process RSS: ${mb(rssBefore)} MB before, peak ${mb(peakRss)} MB during (ratio ${(peakRss / rssBefore).toFixed(2)})`);
