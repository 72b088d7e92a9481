import type { ChildProcess } from "node:child_process";
import { once } from "node:events";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { stopBoss } from "@/lib/jobs";
import { startImports, TERMINAL } from "@/lib/migration";
import { makeUser, unique } from "@/test/helpers/factories";
import { waitForImports } from "@/test/helpers/imports";
import { spawnWorker } from "@/test/helpers/worker-process";
import { DEFAULT_TOKEN, ROUTES, startTestSource } from "@/test/source";
import { expectCompleteImport } from "./import-check";
import { chaosSeed, seededRandom } from "./seeded-random";

/*
 * Real worker processes, killed with SIGKILL at random moments of an import with subgroups and started again: the
 * import must end complete, without duplicates, in a truthful state, within 120 s of the last restart (a run beside the
 * whole suite took 36 s, and seed 377310143 more than 60 s: a lease reclaim under load). Job settings
 * are the defaults (a dead worker's jobs are reclaimed through its lease, not after the 15-minute expiry).
 */
const KILLS = Number(process.env.CHAOS_KILLS ?? 10);
const QUEUE = { FERRY_QUEUE_SCHEMA: "pgboss_chaos_kill" };
Object.assign(process.env, { FERRY_ALLOW_LOCAL_SOURCES: "true", FERRY_ALLOW_INSECURE_SOURCES: "true", ...QUEUE });

// The workers' logs, printed when the import does not end: what a killed and restarted worker said.
const LOG = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "ferry-chaos-")), "workers.log");

function startWorker(): ChildProcess {
  const env: NodeJS.ProcessEnv = { ...process.env, ...QUEUE, LOG_LEVEL: process.env.CHAOS_WORKER_LOG_LEVEL ?? "info" };
  // The suite's workers keep the nudge and stale sweep out of other files' imports (test/setup/env.ts); a run of this
  // file alone (`CHAOS_DEFAULTS=1`) may use the shipped defaults for both.
  if (process.env.CHAOS_DEFAULTS) for (const name of ["FERRY_IMPORT_NUDGE_SECONDS", "FERRY_IMPORT_TIMEOUT_HOURS"]) delete env[name];
  const log = fs.openSync(LOG, "a");
  fs.writeSync(log, `--- worker started at ${new Date().toISOString()}\n`);
  const child = spawnWorker(env, ["ignore", log, log]);
  fs.closeSync(log);
  return child;
}

async function kill(worker: ChildProcess): Promise<void> {
  if (worker.exitCode !== null || worker.signalCode !== null) return;
  worker.kill("SIGKILL");
  await once(worker, "exit");
}

afterAll(async () => {
  await stopBoss();
  fs.rmSync(path.dirname(LOG), { recursive: true, force: true });
});

describe("chaos: kill -9 during an import", () => {
  it(`ends complete and truthful after ${KILLS} kills at random moments`, async () => {
    const seed = chaosSeed();
    const random = seededRandom(seed);
    // Spread over the whole import: from a worker still starting up to one deep in loading batches.
    const delays = Array.from({ length: KILLS }, () => Math.round(800 + random() * 3200));
    console.log(`chaos kill-restart: seed ${seed} (CHAOS_SEED=${seed} replays it), kills after ${delays.join(", ")} ms of each worker's life`);
    // The milestones export is ready only after the last kill: however fast the engine gets, the import is still
    // running when each kill lands (once workers started faster, an import ended after 7 kills of 10). Its status is
    // polled at most 30 s apart, so the import may end up to that much later after the last restart.
    const lastKillAfterMs = delays.reduce((sum, delay) => sum + delay, 0);
    const source = await startTestSource({ version: "17.8.0-ee", batchSize: 2, exportDelayMs: (relation) => (relation === "milestones" ? lastKillAfterMs + 5_000 : 20) });
    source.faults.delay({ endpoint: ROUTES.exportDownload, ms: 150 });
    const user = await makeUser();
    const [started] = await startImports(user, { url: source.url, token: DEFAULT_TOKEN }, [
      { sourceFullPath: source.group(4351).path, destinationSlug: unique("chaos"), destinationNamespace: "", migrateProjects: false, migrateMemberships: true },
    ]);
    const bulkImportId = started!.bulkImportId;
    let worker = startWorker();
    try {
      let killed = 0;
      for (const delay of delays) {
        await new Promise((r) => setTimeout(r, delay));
        const [current] = await waitForImports([bulkImportId], 1).catch(() => [undefined]);
        if (current && TERMINAL.includes(current.status)) break;
        await kill(worker);
        killed += 1;
        worker = startWorker();
      }
      const restartedAt = Date.now();
      await waitForImports([bulkImportId], 120_000).catch((error: unknown) => {
        console.log(fs.readFileSync(LOG, "utf8").split("\n").slice(-400).join("\n"));
        throw error;
      });
      console.log(`chaos kill-restart: ${killed} kills, import ended ${((Date.now() - restartedAt) / 1000).toFixed(1)} s after the last restart`);
      expect(killed).toBeGreaterThanOrEqual(Math.min(KILLS, 10));
      await expectCompleteImport(source, bulkImportId, [4351, 4352, 4353]);
    } finally {
      await kill(worker);
      await source.close();
    }
  }, 300_000);
});
