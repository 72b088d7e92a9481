import path from "node:path";
import { getConfig } from "@/lib/config";
import { closeDb, setDatabaseUrl } from "@/lib/db";
import { startEmbedded } from "@/lib/db/embedded";
import { runMigrations } from "@/lib/db/migrate";
import { logger, safeUrl } from "@/lib/log";

const POOL_CLOSE_MS = 5_000;

export interface DatabaseHandle {
  url: string;
  embedded: boolean;
  /** Closes this process's pool and, if this process started the embedded server, stops it. */
  release(): Promise<void>;
}

/**
 * DATABASE_URL when set; otherwise the embedded PostgreSQL of FERRY_DATA_DIR: the one a running `npm start` serves,
 * or a fresh start of it. Migrations are applied either way (under a lock, so concurrent starts are safe).
 */
export async function openDatabase(options: { adoptOrphan: boolean }): Promise<DatabaseHandle> {
  const config = getConfig();
  let url = config.DATABASE_URL;
  let stopServer = async () => undefined as void;
  if (!url) {
    const started = Date.now();
    const embedded = await startEmbedded(config.dataDir, options);
    url = embedded.url;
    if (embedded.owned) stopServer = () => embedded.stop();
    logger.info({ ms: Date.now() - started, owned: embedded.owned, dataDir: config.dataDir }, "embedded PostgreSQL ready");
  } else {
    logger.info({ database: safeUrl(url) }, "using DATABASE_URL");
  }
  setDatabaseUrl(url);
  await runMigrations(path.resolve(process.cwd(), "drizzle"));
  return {
    url,
    embedded: !config.DATABASE_URL,
    async release() {
      // A client still checked out (a job's query that the stop cut short) keeps the pool's end waiting for ever, and
      // PostgreSQL would never be stopped: the pool gets a few seconds, then the server stops all the same (its fast
      // shutdown ends those sessions).
      const closing = closeDb();
      closing.catch(() => undefined);
      await Promise.race([closing, new Promise((resolve) => setTimeout(resolve, POOL_CLOSE_MS).unref())]);
      await stopServer();
    },
  };
}
