// `npm run bench:import`: Ferry's import against PostgreSQL's own bulk load, on this machine, in one run.
//
// A GitLab-shaped group (BENCH_RECORDS, default 200,000: half labels, a quarter milestones, a quarter epics with
// parents; descriptions of 300-2,000 bytes; batches of 1,000) is served by the test source in a process of its own and
// imported by real `ferry worker` processes. The rows the import wrote are then COPYed into empty tables of the same
// shape in the same database. Printed: records per second of both and their ratio, CPU per record in the worker and in
// PostgreSQL (PostgreSQL's also by process: backends, WAL writer, checkpointer, autovacuum), the worker's peak RSS, one
// against two worker processes, what the one worker spends on a second import (a long-lived worker, its code compiled);
// and the floor any importer has, reading the export back (gunzip and JSON.parse), against which the worker's CPU is
// read. The statements printed (with pg_stat_statements) are the second import's. Medians of BENCH_RUNS runs (default
// 3); BENCH_PROFILE=<dir> keeps the workers' CPU profiles, BENCH_LOGS=<dir> their logs.
// Uses an embedded PostgreSQL in a temporary directory (PostgreSQL's CPU is read from /proc, so it must be local).
import os from "node:os";
import fs from "node:fs";
import { benchDatabase, benchEnvironment, median, startChild, startWorker, stopChild } from "./bench/harness";

const dataDir = benchEnvironment();
const RUNS = Number(process.env.BENCH_RUNS ?? 3);

const { eq } = await import("drizzle-orm");
const { bulkImportEntities, closeDb, getDb, getPool } = await import("@/lib/db");
const { stopBoss } = await import("@/lib/jobs");
const { startImports, STATUS } = await import("@/lib/migration");
const { createUser } = await import("@/lib/users");
const { waitForImports } = await import("@/test/helpers/imports");
const { copyBaseline } = await import("./bench/copy-baseline");
const { loadFloorMicroseconds, readFloorMicroseconds } = await import("./bench/import-floors");
const { cpuByKindSince, cpuSeconds, postgresCpuByKind, postgresCpuSeconds, rssBytes } = await import("./bench/proc-stats");
const { printStatements, resetStatements } = await import("./bench/statements");
const { embedded, postmaster } = await benchDatabase(dataDir);

const { child: sourceProcess, line } = await startChild(["scripts/bench/source-process.ts"], { LOG_LEVEL: "warn" }, (l) => l.startsWith("{"));
const source = JSON.parse(line) as { url: string; token: string; group: string; records: number };
const user = await createUser({ username: "bench", email: "bench@example.com", name: "Bench", password: "bench password" });

interface Run {
  seconds: number;
  workerCpu: number;
  /** The test source's CPU seconds: serving (and gzipping) the export shares the same two cores. */
  sourceCpu: number;
  postgresCpu: number;
  peakRss: number;
  entityId: number;
  /** PostgreSQL's CPU seconds in the import by process kind (backends, walwriter, checkpointer, …). */
  postgresByKind: [string, number][];
}

/** Imports the group `imports` times in a row on the same `workers` fresh worker processes. */
async function importWith(workers: number, label: string, imports = 1): Promise<Run[]> {
  const children = await Promise.all(Array.from({ length: workers }, (_, i) => startWorker(`${label}-${i + 1}`)));
  try {
    const runs: Run[] = [];
    for (let i = 0; i < imports; i++) runs.push(await importOn(children, i === 0 ? label : `${label}-again`));
    return runs;
  } finally {
    await Promise.all(children.map((child) => stopChild(child)));
  }
}

async function importOn(children: Awaited<ReturnType<typeof startWorker>>[], label: string): Promise<Run> {
  const pids = children.map((child) => child.pid!);
  await resetStatements();
  const cpuBefore = pids.reduce((sum, pid) => sum + cpuSeconds(pid), 0);
  const sourceBefore = cpuSeconds(sourceProcess.pid!);
  const pgBefore = postgresCpuSeconds(postmaster);
  const kindsBefore = postgresCpuByKind(postmaster);
  let peakRss = 0;
  const sampler = setInterval(() => (peakRss = Math.max(peakRss, ...pids.map(rssBytes))), 100);
  const clock = performance.now();
  const [bulk] = await startImports(user, { url: source.url, token: source.token }, [
    { sourceFullPath: source.group, destinationSlug: `bench-${label}-${Date.now()}`, destinationNamespace: "", migrateProjects: false, migrateMemberships: false },
  ]);
  const [done] = await waitForImports([bulk!.bulkImportId], 3_600_000);
  const seconds = (performance.now() - clock) / 1000;
  clearInterval(sampler);
  const workerCpu = pids.reduce((sum, pid) => sum + cpuSeconds(pid), 0) - cpuBefore;
  const sourceCpu = cpuSeconds(sourceProcess.pid!) - sourceBefore;
  const postgresCpu = postgresCpuSeconds(postmaster) - pgBefore;
  const postgresByKind = cpuByKindSince(kindsBefore, postgresCpuByKind(postmaster));
  const [entity] = await getDb().select().from(bulkImportEntities).where(eq(bulkImportEntities.bulkImportId, bulk!.bulkImportId));
  if (done!.status !== STATUS.finished || done!.hasFailures) throw new Error(`the ${label} import ended with status ${done!.status}, failures ${done!.hasFailures}`);
  const perRecord = (cpu: number) => `${((cpu * 1e6) / source.records).toFixed(0)} µs`;
  console.error(`${label}: ${source.records} records in ${seconds.toFixed(1)} s; CPU per record: workers ${perRecord(workerCpu)}, PostgreSQL ${perRecord(postgresCpu)}`);
  return { seconds, workerCpu, sourceCpu, postgresCpu, peakRss, entityId: entity!.id, postgresByKind };
}

const one: Run[] = [];
// The same worker's second import: what a long-lived worker spends, its code compiled and its heap grown.
const warm: Run[] = [];
const two: Run[] = [];
const copies: { seconds: number; cpuSeconds: number; rows: number; chunked: { seconds: number; cpuSeconds: number } }[] = [];
for (let run = 1; run <= RUNS; run++) {
  const [result, second] = await importWith(1, `run${run}-1w`, 2);
  one.push(result!);
  warm.push(second!);
  const client = await getPool().connect();
  try {
    await printStatements();
    const where = `import_entity_id = ${result!.entityId}`;
    copies.push(await copyBaseline(client, ["labels", "milestones", "epics"].map((table) => ({ table, where })), () => postgresCpuSeconds(postmaster)));
  } finally {
    client.release();
  }
  two.push(...(await importWith(2, `run${run}-2w`)));
}

// The floors, measured in this process while nothing else runs: what any importer spends reading, and what a Node one
// spends on its side of loading as it commits.
const floorUs = await readFloorMicroseconds(source.records);
const floorClient = await getPool().connect();
const loadFloorUs = await loadFloorMicroseconds(floorClient, source.records).finally(() => floorClient.release());

await stopChild(sourceProcess);
await stopBoss();
await closeDb();
await embedded.stop();
fs.rmSync(dataDir, { recursive: true, force: true });

const records = source.records;
const ferryRate = median(one.map((r) => records / r.seconds));
const copyRate = median(copies.map((c) => c.rows / c.seconds));
const us = (seconds: number) => ((seconds * 1e6) / records).toFixed(0);
const workerUs = median(one.map((r) => r.workerCpu));
const pgUs = median(one.map((r) => r.postgresCpu));
const copyUs = median(copies.map((c) => c.cpuSeconds));
const twoRate = median(two.map((r) => records / r.seconds));
console.log(`${records} records (labels, milestones, epics with parents; descriptions 300-2,000 bytes), median of ${RUNS} runs on ${os.cpus().length} cores`);
console.log(`Ferry ${ferryRate.toFixed(0)} rec/s, COPY ${copyRate.toFixed(0)} rec/s, ratio ${(ferryRate / copyRate).toFixed(2)}`);
console.log(`CPU per record: Ferry ${us(workerUs + pgUs)} µs (worker ${us(workerUs)}, PostgreSQL ${us(pgUs)}), COPY ${us(copyUs)} µs (PostgreSQL); ratio ${((workerUs + pgUs) / copyUs).toFixed(2)}`);
const warmWorkerUs = median(warm.map((r) => r.workerCpu));
const warmPgUs = median(warm.map((r) => r.postgresCpu));
console.log(
  `a long-lived worker (its second import): ${median(warm.map((r) => records / r.seconds)).toFixed(0)} rec/s; CPU per record: Ferry ${us(warmWorkerUs + warmPgUs)} µs ` +
    `(worker ${us(warmWorkerUs)}, PostgreSQL ${us(warmPgUs)}); ratio ${((warmWorkerUs + warmPgUs) / copyUs).toFixed(2)}`,
);
// What any importer spends at least: reading the export back (its floor, measured here on one core) and COPY's load.
const copyPerRecord = (copyUs * 1e6) / records;
console.log(
  `the least: reading the export (gunzip, JSON.parse) ${floorUs.toFixed(1)} µs a record on one core, plus COPY's load: CPU per record ${(floorUs + copyPerRecord).toFixed(0)} µs, ` +
    `${((floorUs + copyPerRecord) / copyPerRecord).toFixed(2)} of COPY's; Ferry's worker spends ${((workerUs * 1e6) / records / floorUs).toFixed(1)}x the reading, its PostgreSQL ${(pgUs / copyUs).toFixed(2)}x COPY`,
);
// What committing every 1,000 rows costs PostgreSQL by itself: the part of Ferry's PostgreSQL CPU any importer that commits
// as it goes pays, and what is left of the CPU goal for the worker once it is paid.
const chunkedUs = median(copies.map((c) => c.chunked.cpuSeconds));
console.log(
  `COPY in 1,000-row transactions (as an importer commits): ${us(chunkedUs)} µs (PostgreSQL), ${(chunkedUs / copyUs).toFixed(2)}x COPY, ${median(copies.map((c) => c.rows / c.chunked.seconds)).toFixed(0)} rec/s; ` +
    `within 2x COPY's CPU, that leaves a worker ${((2 * copyUs - chunkedUs) * 1e6 / records).toFixed(0)} µs a record (its reading alone is ${floorUs.toFixed(1)})`,
);
console.log(
  `the least a Node importer spends on its side (read, hold a batch, write COPY text, send it a batch a committed transaction): ${loadFloorUs.toFixed(1)} µs a record; ` +
    `with chunked COPY's load, ${(loadFloorUs + (chunkedUs * 1e6) / records).toFixed(0)} µs, ${((loadFloorUs * 1e-6 * records + chunkedUs) / copyUs).toFixed(2)}x COPY's CPU`,
);
const kinds = [...new Set(one.flatMap((r) => r.postgresByKind.map(([kind]) => kind)))];
const byKind = kinds.map((kind) => [kind, median(one.map((r) => r.postgresByKind.find(([k]) => k === kind)?.[1] ?? 0))] as const).filter(([, seconds]) => seconds > 0).sort((a, b) => b[1] - a[1]);
console.log(`PostgreSQL's CPU per record in Ferry's import, by process: ${byKind.map(([kind, seconds]) => `${kind} ${us(seconds)} µs`).join(", ")}`);
console.log(`worker peak RSS ${(median(one.map((r) => r.peakRss)) / 1024 / 1024).toFixed(0)} MB`);
console.log(`two worker processes ${twoRate.toFixed(0)} rec/s: ${(twoRate / ferryRate).toFixed(2)}x one`);
// What the two cores did while two workers imported: when their sum is near 2, the machine is full and a second worker
// cannot go faster, whatever Ferry does.
const cores = (runs: Run[], rate: number, cpuOf: (r: Run) => number) => (median(runs.map(cpuOf)) / records) * rate;
console.log(
  `cores busy with two workers: workers ${cores(two, twoRate, (r) => r.workerCpu).toFixed(2)}, PostgreSQL ${cores(two, twoRate, (r) => r.postgresCpu).toFixed(2)}, ` +
    `test source ${cores(two, twoRate, (r) => r.sourceCpu).toFixed(2)} (one worker: ${cores(one, ferryRate, (r) => r.workerCpu + r.postgresCpu + r.sourceCpu).toFixed(2)} in all)`,
);
