// `npm run bench:import`: Ferry's import against PostgreSQL's own bulk load, on this machine, in one run.
//
// A GitLab-shaped group (BENCH_RECORDS, default 200,000: half labels, a quarter milestones, a quarter epics with
// parents; descriptions of 300-2,000 bytes; batches of 1,000) is served by the test source in a process of its own and
// imported by real `ferry worker` processes. The rows the import wrote are then COPYed into empty tables of the same
// shape in the same database. Printed: records per second of both and their ratio, CPU per record in the worker and in
// PostgreSQL, the worker's peak RSS, and one against two worker processes. Medians of BENCH_RUNS runs (default 3);
// BENCH_PROFILE=<dir> keeps the workers' CPU profiles, BENCH_LOGS=<dir> their logs.
// Uses an embedded PostgreSQL in a temporary directory (PostgreSQL's CPU is read from /proc, so it must be local).
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import readline from "node:readline";

execFileSync(process.execPath, ["scripts/build-server.mjs"], { stdio: "inherit" });
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "ferry-bench-"));
// PostgreSQL runs as its own OS user when we are root: it must be able to reach its directory below this one.
fs.chmodSync(dataDir, 0o755);
const QUEUE = "pgboss_bench";
Object.assign(process.env, { FERRY_ALLOW_LOCAL_SOURCES: "true", FERRY_ALLOW_INSECURE_SOURCES: "true", FERRY_QUEUE_SCHEMA: QUEUE, FERRY_DATA_DIR: dataDir, FERRY_LOG_FD: "2" });
process.env.LOG_LEVEL ??= "warn";
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
// BENCH_PROFILE=<dir>: the workers write V8 CPU profiles there (open them in Chrome's DevTools).
const PROFILE = process.env.BENCH_PROFILE ? ["--cpu-prof", `--cpu-prof-dir=${path.resolve(process.env.BENCH_PROFILE)}`] : [];
// The workers get the heap settings `npm run worker` gives them, read from package.json so the two cannot drift.
const HEAP_FLAGS = (JSON.parse(fs.readFileSync("package.json", "utf8")) as { scripts: Record<string, string> }).scripts.worker!.match(/--max-[a-z-]+-size=\d+/g) ?? [];

const { eq } = await import("drizzle-orm");
const { bulkImportEntities, closeDb, getPool, setDatabaseUrl } = await import("@/lib/db");
const { runningPostmaster, startEmbedded } = await import("@/lib/db/embedded");
const { runMigrations } = await import("@/lib/db/migrate");
const { stopBoss } = await import("@/lib/jobs");
const { startImports, STATUS } = await import("@/lib/migration");
const { createUser } = await import("@/lib/users");
const { waitForImports } = await import("@/test/helpers/imports");
const { copyBaseline } = await import("./bench/copy-baseline");
const { cpuSeconds, postgresCpuSeconds, rssBytes } = await import("./bench/proc-stats");

const pgDir = path.join(dataDir, "db");
const embedded = await startEmbedded(pgDir, { adoptOrphan: false });
setDatabaseUrl(embedded.url);
process.env.DATABASE_URL = embedded.url;
await runMigrations();
const postmaster = runningPostmaster(pgDir)!.pid;

/** A child process and its first stdout line that satisfies `ready`. Workers run compiled, as `npm start` runs them. */
function startChild(args: string[], env: Record<string, string>, ready: (line: string) => boolean, typescript = true): Promise<{ child: ChildProcess; line: string }> {
  const child = spawn(process.execPath, [...(typescript ? ["--import", "tsx"] : []), ...args], { env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "inherit"] });
  return new Promise((resolve, reject) => {
    const lines = readline.createInterface({ input: child.stdout! });
    lines.on("line", (line) => {
      if (ready(line)) resolve({ child, line });
    });
    child.on("exit", (code) => reject(new Error(`${args.join(" ")} exited with ${code} before it was ready`)));
  });
}

const stopChild = (child: ChildProcess) =>
  new Promise<void>((resolve) => {
    if (child.exitCode !== null) return resolve();
    child.once("exit", () => resolve());
    child.kill("SIGTERM");
  });

const { child: sourceProcess, line } = await startChild(["scripts/bench/source-process.ts"], { LOG_LEVEL: "warn" }, (l) => l.startsWith("{"));
const source = JSON.parse(line) as { url: string; token: string; group: string; records: number };
const user = await createUser({ username: "bench", email: "bench@example.com", name: "Bench", password: "bench password" });

interface Run {
  seconds: number;
  workerCpu: number;
  postgresCpu: number;
  peakRss: number;
  entityId: number;
}

async function importWith(workers: number, label: string): Promise<Run> {
  const started = await Promise.all(
    Array.from({ length: workers }, () => startChild([...PROFILE, ...HEAP_FLAGS, "dist/server/ferry.mjs", "worker"], { LOG_LEVEL: "info", FERRY_LOG_FD: "1" }, (l) => l.includes('"worker started"'), false)),
  );
  const pids = started.map((s) => s.child.pid!);
  // The workers' logs go to BENCH_LOGS=<dir> when asked for, else nowhere (nothing reads them any more).
  for (const [i, { child }] of started.entries()) {
    if (process.env.BENCH_LOGS) child.stdout!.pipe(fs.createWriteStream(path.join(process.env.BENCH_LOGS, `worker-${label}-${i + 1}.log`)));
    else child.stdout!.resume();
  }
  const cpuBefore = pids.reduce((sum, pid) => sum + cpuSeconds(pid), 0);
  const pgBefore = postgresCpuSeconds(postmaster);
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
  const postgresCpu = postgresCpuSeconds(postmaster) - pgBefore;
  await Promise.all(started.map(({ child }) => stopChild(child)));
  const [entity] = await (await import("@/lib/db")).getDb().select().from(bulkImportEntities).where(eq(bulkImportEntities.bulkImportId, bulk!.bulkImportId));
  if (done!.status !== STATUS.finished || done!.hasFailures) throw new Error(`the ${label} import ended with status ${done!.status}, failures ${done!.hasFailures}`);
  console.error(`${label}: ${source.records} records in ${seconds.toFixed(1)} s`);
  return { seconds, workerCpu, postgresCpu, peakRss, entityId: entity!.id };
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const one: Run[] = [];
const two: Run[] = [];
const copies: { seconds: number; cpuSeconds: number; rows: number }[] = [];
for (let run = 1; run <= RUNS; run++) {
  const result = await importWith(1, `run${run}-1w`);
  one.push(result);
  const client = await getPool().connect();
  try {
    const where = `import_entity_id = ${result.entityId}`;
    copies.push(await copyBaseline(client, ["labels", "milestones", "epics"].map((table) => ({ table, where })), () => postgresCpuSeconds(postmaster)));
  } finally {
    client.release();
  }
  two.push(await importWith(2, `run${run}-2w`));
}

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
console.log(`worker peak RSS ${(median(one.map((r) => r.peakRss)) / 1024 / 1024).toFixed(0)} MB`);
console.log(`two worker processes ${twoRate.toFixed(0)} rec/s: ${(twoRate / ferryRate).toFixed(2)}x one`);
