import { afterAll, beforeAll, vi } from "vitest";
import { IMPORT_WAIT_MS } from "./imports";
import { startWorker, stopBoss, type JobHandlers, type RunningWorker } from "@/lib/jobs";
import { importJobHandlers } from "@/lib/migration";

/**
 * Runs the engine's jobs for one test file: against the test source (127.0.0.1 over http), from a queue schema of
 * the file's own so that other files' workers never take its jobs. `handlers` adds jobs beyond the import's (a file
 * whose Ferry is also a source runs the exports too). Call at the top level of the file, before any test reads the
 * configuration.
 */
export function runImportWorker(queueSchema: string, handlers: JobHandlers = {}): void {
  // A whole import through the worker took over 30 s (the suite's default test timeout) in a CI run beside two CPU
  // burners. Its tests wait for it with waitForImports, which fails with every entity's state: longer than that wait,
  // so that a slow import fails there, saying where it stood, rather than as a bare timeout.
  vi.setConfig({ testTimeout: IMPORT_WAIT_MS + 30_000 });
  Object.assign(process.env, { FERRY_ALLOW_LOCAL_SOURCES: "true", FERRY_ALLOW_INSECURE_SOURCES: "true", FERRY_QUEUE_SCHEMA: queueSchema });
  let worker: RunningWorker | undefined;
  beforeAll(async () => {
    worker = await startWorker({ concurrency: 4, handlers: { ...importJobHandlers, ...handlers }, pollingIntervalSeconds: 0.5 });
  });
  afterAll(async () => {
    await worker?.stop();
    await stopBoss();
  });
}
