// What the benchmarks share: a database of their own (an embedded PostgreSQL, or the one DATABASE_URL names), child
// processes started and stopped, and worker processes started exactly as `npm run worker` starts them.
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import readline from "node:readline";

/** Environment for every process of a benchmark; set before anything of Ferry's is imported. */
export function benchEnvironment(): string {
  execFileSync(process.execPath, ["scripts/build-server.mjs"], { stdio: "inherit" });
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "ferry-bench-"));
  // PostgreSQL runs as its own OS user when we are root: it must be able to reach its directory below this one.
  fs.chmodSync(dataDir, 0o755);
  Object.assign(process.env, { FERRY_ALLOW_LOCAL_SOURCES: "true", FERRY_ALLOW_INSECURE_SOURCES: "true", FERRY_QUEUE_SCHEMA: "pgboss_bench", FERRY_DATA_DIR: dataDir, FERRY_LOG_FD: "2" });
  process.env.LOG_LEVEL ??= "warn";
  return dataDir;
}

/**
 * The benchmark's database, migrated, and its postmaster's pid (PostgreSQL's CPU is read from /proc). BENCH_PG_SETTINGS
 * (`name=value,…`, e.g. `shared_preload_libraries=pg_stat_statements,autovacuum=off`) sets server settings.
 */
export async function benchDatabase(dataDir: string) {
  const { setDatabaseUrl } = await import("@/lib/db");
  const { runningPostmaster, startEmbedded } = await import("@/lib/db/embedded");
  const { runMigrations } = await import("@/lib/db/migrate");
  const pgDir = path.join(dataDir, "db");
  const settings = Object.fromEntries((process.env.BENCH_PG_SETTINGS ?? "").split(",").filter(Boolean).map((pair) => pair.split("=", 2) as [string, string]));
  const embedded = await startEmbedded(pgDir, { adoptOrphan: false, settings });
  setDatabaseUrl(embedded.url);
  process.env.DATABASE_URL = embedded.url;
  await runMigrations();
  return { embedded, postmaster: runningPostmaster(pgDir)!.pid };
}

/**
 * DATABASE_URL's database, or else an embedded PostgreSQL of its own in `dataDir`; migrated either way. Returns what
 * stops the database it started (nothing when it was given one).
 */
export async function givenOrEmbeddedDatabase(dataDir: string): Promise<() => Promise<void>> {
  const { setDatabaseUrl } = await import("@/lib/db/client");
  const { startEmbedded } = await import("@/lib/db/embedded");
  const { runMigrations } = await import("@/lib/db/migrate");
  let stop = async () => undefined as void;
  if (process.env.DATABASE_URL) setDatabaseUrl(process.env.DATABASE_URL);
  else {
    const embedded = await startEmbedded(dataDir, { adoptOrphan: false });
    setDatabaseUrl(embedded.url);
    stop = () => embedded.stop();
  }
  await runMigrations();
  return stop;
}

/** A user of its own for one run (a given database may hold earlier runs'), and the stamp that made its name unique. */
export async function stampedBenchUser() {
  const { createUser } = await import("@/lib/users");
  const stamp = Date.now();
  const user = await createUser({ username: `bench${stamp}`, email: `bench${stamp}@example.com`, name: "Bench", password: "bench password" });
  return { user, stamp };
}

/** A child process and its first stdout line that satisfies `ready`. */
export function startChild(args: string[], env: Record<string, string>, ready: (line: string) => boolean, typescript = true): Promise<{ child: ChildProcess; line: string }> {
  const child = spawn(process.execPath, [...(typescript ? ["--import", "tsx"] : []), ...args], { env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "inherit"] });
  return new Promise((resolve, reject) => {
    const lines = readline.createInterface({ input: child.stdout! });
    lines.on("line", (line) => {
      if (ready(line)) resolve({ child, line });
    });
    child.on("exit", (code) => reject(new Error(`${args.join(" ")} exited with ${code} before it was ready`)));
  });
}

export const stopChild = (child: ChildProcess, signal: NodeJS.Signals = "SIGTERM") =>
  new Promise<void>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once("exit", () => resolve());
    child.kill(signal);
  });

// BENCH_PROFILE=<dir>: the workers write V8 CPU profiles there (open them in Chrome's DevTools).
const PROFILE = process.env.BENCH_PROFILE ? ["--cpu-prof", `--cpu-prof-dir=${path.resolve(process.env.BENCH_PROFILE)}`] : [];
// BENCH_NODE_FLAGS="--trace-gc …": more flags for the workers' Node (what they print goes to BENCH_LOGS with their log),
// after the heap settings so that they can override them.
const NODE_FLAGS = (process.env.BENCH_NODE_FLAGS ?? "").split(" ").filter(Boolean);
// The workers get the heap settings `npm run worker` gives them, read from package.json so the two cannot drift.
export const HEAP_FLAGS = (JSON.parse(fs.readFileSync("package.json", "utf8")) as { scripts: Record<string, string> }).scripts.worker!.match(/--max-[a-z-]+-size=\d+/g) ?? [];

/**
 * A compiled worker process, as `npm run worker` runs it, once it says it started. Its log goes to
 * `BENCH_LOGS/worker-<label>.log` when BENCH_LOGS names a directory; `watch` sees each line as well.
 */
export async function startWorker(label: string, watch?: (line: string) => void): Promise<ChildProcess> {
  const { child } = await startChild([...PROFILE, ...HEAP_FLAGS, ...NODE_FLAGS, "dist/server/ferry.mjs", "worker"], { LOG_LEVEL: "info", FERRY_LOG_FD: "1" }, (l) => l.includes('"worker started"'), false);
  if (process.env.BENCH_LOGS) child.stdout!.pipe(fs.createWriteStream(path.join(process.env.BENCH_LOGS, `worker-${label}.log`)));
  if (watch) readline.createInterface({ input: child.stdout! }).on("line", watch);
  else if (!process.env.BENCH_LOGS) child.stdout!.resume();
  return child;
}

export const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

/** The value below which a fraction `p` of `values` lie (p95: 0.95), one of the values itself. */
export const percentile = (values: number[], p: number) => [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor(values.length * p))]!;
