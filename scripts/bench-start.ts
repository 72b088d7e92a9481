// `npm run bench:start`: how fast Ferry starts and how much an idle worker holds, measured here, now.
// Cold: a fresh data directory (initdb, migrations; the web build already done). Warm: the same directory again.
// Ready means /-/readiness answers 200. Then a separate `npm run worker` process is left idle and its RSS read.
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { findRunningEmbedded } from "@/lib/db/embedded";
import { HEAP_FLAGS } from "./bench/harness";
import { rssBytes } from "./bench/proc-stats";

const PORT = Number(process.env.BENCH_PORT ?? 3400);
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "ferry-start-"));
fs.chmodSync(dataDir, 0o755);
const env = { ...process.env, PORT: String(PORT), FERRY_DATA_DIR: dataDir, DATABASE_URL: "", LOG_LEVEL: "warn" };
// The web app and the server code are built beforehand: a start measures starting, not building.
execFileSync(process.execPath, ["scripts/build-server.mjs"], { stdio: "inherit" });

async function until(probe: () => Promise<boolean>, timeoutMs = 120_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await probe())) {
    if (Date.now() > deadline) throw new Error("timed out");
    await new Promise((r) => setTimeout(r, 25));
  }
}

async function start(): Promise<{ child: ChildProcess; ms: number }> {
  const started = performance.now();
  const child = spawn("npm", ["start"], { env, stdio: "ignore", detached: true });
  await until(() => fetch(`http://localhost:${PORT}/-/readiness`).then((r) => r.ok, () => false));
  return { child, ms: performance.now() - started };
}

async function stop(child: ChildProcess): Promise<void> {
  const exited = new Promise((r) => child.once("exit", r));
  process.kill(-child.pid!, "SIGTERM");
  await exited;
  // The launcher stops PostgreSQL last: wait until its data directory is free again.
  await until(async () => !fs.existsSync(path.join(dataDir, "ferry.pid")), 30_000);
}

const cold = await start();
await stop(cold.child);
const warm: number[] = [];
for (let run = 0; run < 3; run++) {
  const { child, ms } = await start();
  warm.push(ms);
  if (run === 2) {
    // A worker of its own, as a scaled-out node runs it; it finds the running Ferry's embedded database by itself.
    const worker = spawn(process.execPath, [...HEAP_FLAGS, "dist/server/ferry.mjs", "worker"], { env, stdio: "ignore" });
    await new Promise((r) => setTimeout(r, 10_000));
    console.log(`idle worker process: ${(rssBytes(worker.pid!) / 1024 / 1024).toFixed(0)} MB RSS after 10 s`);
    // What an idle Ferry (the launcher's worker and this one, the web server) costs the database: its commits.
    const db = new pg.Client({ connectionString: findRunningEmbedded(dataDir) });
    await db.connect();
    const commits = async () => Number((await db.query<{ n: string }>("SELECT xact_commit AS n FROM pg_stat_database WHERE datname = current_database()")).rows[0]!.n);
    const before = await commits();
    await new Promise((r) => setTimeout(r, 30_000));
    // Less the one transaction of the second reading itself.
    console.log(`idle: ${((await commits()) - before - 1) / 30} commits per second (two workers, one web server, 30 s)`);
    await db.end();
    worker.kill("SIGTERM");
  }
  await stop(child);
}
fs.rmSync(dataDir, { recursive: true, force: true });
const median = [...warm].sort((a, b) => a - b)[1]!;
console.log(`cold start (fresh data directory, build done): ${(cold.ms / 1000).toFixed(2)} s to ready`);
console.log(`warm start: ${(median / 1000).toFixed(2)} s to ready (median of ${warm.length})`);
