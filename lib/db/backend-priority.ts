import fs from "node:fs";
import os from "node:os";
import type pg from "pg";
import { logger } from "@/lib/log";

const LOOPBACK = new Set(["127.0.0.1", "localhost", "::1", "[::1]"]);

/** Clients whose backend has been seen to, so that each costs one look-up in its life. */
const seen = new WeakSet<pg.PoolClient>();

/** Whether the database at `url` runs on this host, where its backends are processes this one can see. */
function onThisHost(url: string): boolean {
  try {
    return LOOPBACK.has(new URL(url).hostname);
  } catch {
    return false;
  }
}

function lowerBackend(client: pg.PoolClient, nice: number): void {
  // The backend's pid as the server announced it when the connection opened (BackendKeyData): no query, so nothing
  // runs on the client beside its owner's statements.
  const pid = (client as pg.PoolClient & { processID?: number | null }).processID;
  if (!pid) return;
  // A pid the server gave is only this host's process when that process is a PostgreSQL backend: anything else (a
  // server behind a port forward, in a container) is left alone.
  const name = fs.readFileSync(`/proc/${pid}/comm`, "utf8").trim();
  if (name !== "postgres") return;
  os.setPriority(pid, Math.max(os.getPriority(pid), nice));
}

/**
 * Gives the database backends of this process's pool the worker's lowered CPU priority (`nice`; 0 does nothing), when
 * the database runs on this host (the embedded PostgreSQL, or one on loopback). A worker's statements are import work
 * as much as its own code: loading a chunk costs PostgreSQL about as much CPU as the worker. Pages' queries run on
 * the web server's own backends, which keep their priority, so they come first on a busy host as its code does. Each
 * client is seen to when it is first handed out (those opened before this call too), by the pid its backend announced;
 * a backend this process may not renice (another user's, without the right) is left as it is.
 */
export function lowerBackendPriority(pool: pg.Pool, url: string, nice: number): void {
  if (nice === 0 || !onThisHost(url) || !fs.existsSync("/proc/self")) return;
  let warned = false;
  pool.on("acquire", (client) => {
    if (seen.has(client)) return;
    seen.add(client);
    try {
      lowerBackend(client, nice);
    } catch (error) {
      if (warned) return;
      warned = true;
      logger.warn({ err: error instanceof Error ? { message: error.message } : error, nice }, "could not lower the database backends' CPU priority");
    }
  });
}
