import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { getConfig, getSecrets } from "@/lib/config";
import type { RunningWorker } from "@/lib/jobs";
import { logger } from "@/lib/log";
import { buildApp, buildIsCurrent } from "./build";
import type { DatabaseHandle } from "./database";
import { claimLauncher, releaseLauncher, runningLauncher } from "./launcher-pid";

/*
 * What the launcher runs after the web server is spawned (the database, the job queue, the worker) brings in every
 * package and all of Ferry's engine. It is loaded only then (scripts/build-server.mjs splits it into chunks of its own),
 * so that Next.js boots while this process loads it, and it loads while PostgreSQL starts: a warm start waits for the
 * slowest of them, not for their sum.
 */
const loadEngine = () => Promise.all([import("./worker"), import("@/lib/jobs")]);

/**
 * `npm start`: database (embedded unless DATABASE_URL), migrations, a production build when needed, the Next.js
 * server as a child process, and a worker in this process. SIGINT/SIGTERM stop them in reverse order, so no
 * postgres is left behind.
 */
export async function launch(root: string): Promise<void> {
  const config = getConfig();
  const started = Date.now();
  const other = runningLauncher();
  if (other) throw new Error(`Ferry is already running on ${config.dataDir} (pid ${other}). Stop it first, or set FERRY_DATA_DIR.`);
  claimLauncher();

  let database: DatabaseHandle | undefined;
  let worker: RunningWorker | undefined;
  let web: ChildProcess | undefined;
  let stopping: Promise<void> | undefined;
  let jobs: typeof import("@/lib/jobs") | undefined;

  const shutdown = (reason: string, code: number) => {
    stopping ??= (async () => {
      logger.info({ reason }, "shutting down");
      if (web && web.exitCode === null) {
        const exited = new Promise((resolve) => web!.once("exit", resolve));
        web.kill("SIGTERM");
        await Promise.race([exited, new Promise((r) => setTimeout(r, 10_000))]);
        if (web.exitCode === null) web.kill("SIGKILL");
      }
      await worker?.stop().catch((error) => logger.error({ err: error }, "worker did not stop cleanly"));
      await jobs?.stopBoss().catch(() => undefined);
      await database?.release().catch((error) => logger.error({ err: error }, "database did not stop cleanly"));
      releaseLauncher();
      logger.info("stopped");
      process.exit(code);
    })();
    return stopping;
  };
  process.on("SIGINT", () => void shutdown("SIGINT", 0));
  process.on("SIGTERM", () => void shutdown("SIGTERM", 0));
  // npm does not always pass SIGTERM on to the script it runs; when npm goes away we are re-parented, and stop too.
  const parent = process.ppid;
  setInterval(() => {
    if (process.ppid !== parent) void shutdown("parent process exited", 0);
  }, 1_000).unref();

  try {
    const secrets = getSecrets();
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      // Empty for the embedded database: the web server finds it on the data directory once it runs (lib/db/client),
      // so that it can start before the database is up.
      DATABASE_URL: config.DATABASE_URL ?? "",
      FERRY_DATA_DIR: config.dataDir,
      AUTH_SECRET: secrets.authSecret,
      FERRY_ENCRYPTION_KEY: secrets.encryptionKey,
      // The web process only enqueues; jobs run here and in `npm run worker` processes.
      FERRY_WORKER: "false",
      NODE_ENV: "production",
    };
    const startWeb = () => {
      // Keep-alive connections idle for 65 s, not Node's 5: a client (a load balancer, an API client, git) that reuses
      // a connection just as the server drops it gets ECONNRESET, and common load balancers idle for 60 s.
      const child = spawn(process.execPath, [path.join(root, "dist", "server", "web-server.mjs"), String(config.PORT), config.HOSTNAME, "65000"], {
        cwd: root,
        env,
        stdio: ["ignore", "inherit", "inherit"],
      });
      child.on("exit", (code, signal) => {
        if (!stopping) void shutdown(`web server exited (${signal ?? code})`, 1);
      });
      return child;
    };
    // With a current build, the web server boots while the database starts and migrates: a warm start waits for the
    // slower of the two, not for both. It reports ready only once the database is migrated (lib/health).
    const built = buildIsCurrent(root);
    if (built) web = startWeb();
    // PostgreSQL first: the engine loads while it starts.
    const opening = (await import("./database")).openDatabase({ adoptOrphan: true });
    const engine = loadEngine();
    // Settled here too: a failed database start must not leave the engine's rejection unhandled.
    engine.catch(() => undefined);
    database = await opening;
    if (!built) {
      await buildApp(root, { ...env, DATABASE_URL: database.url });
      if (stopping) return;
      web = startWeb();
    }
    const [{ startFerryWorker }, loadedJobs] = await engine;
    jobs = loadedJobs;
    if (config.FERRY_WORKER) worker = await startFerryWorker();
    // A web-only node (FERRY_WORKER=false) still installs or updates the queue schema, under the setup lock: its
    // readiness needs it, and a fresh database may have no worker yet to create it.
    else await jobs.getBoss("producer");
    logger.info({ url: `http://localhost:${config.PORT}`, ms: Date.now() - started, worker: config.FERRY_WORKER }, "Ferry is starting");
  } catch (error) {
    logger.error({ err: error }, "start failed");
    await shutdown("start failed", 1);
  }
}
