import { sql, type SQL } from "drizzle-orm";
import { drizzle, type NodePgDatabase } from "drizzle-orm/node-postgres";
import pg from "pg";
import { getConfig } from "@/lib/config";
import { logger } from "@/lib/log";
import { findRunningEmbedded } from "./embedded-address";
import * as schema from "./schema";

export type Db = NodePgDatabase<typeof schema> & { $client: pg.Pool };

interface DbState {
  url?: string;
  pool?: pg.Pool;
  db?: Db;
}

// Kept on globalThis so that Next's dev reloads and several imports of this module share one pool.
const state: DbState = ((globalThis as { __ferryDb?: DbState }).__ferryDb ??= {});

/** Points the process at a database before first use (the launcher and the CLI resolve the embedded one). */
export function setDatabaseUrl(url: string): void {
  if (state.pool && state.url !== url) throw new Error("database already connected to another URL");
  state.url = url;
}

/**
 * The database: the one set for this process, else DATABASE_URL, else the embedded server running on the data
 * directory. The last is how `npm start`'s web server finds its database: it is started before the database is up,
 * and asks again on each use until the server runs.
 */
export function getDatabaseUrl(): string {
  const url = state.url ?? (process.env.DATABASE_URL || findRunningEmbedded(getConfig().dataDir));
  if (!url) throw new Error("DATABASE_URL is not set and no embedded database is running on the data directory");
  return url;
}

export function getPool(): pg.Pool {
  if (!state.pool) {
    state.pool = new pg.Pool({
      connectionString: getDatabaseUrl(),
      max: getConfig().FERRY_DB_POOL_SIZE,
      idleTimeoutMillis: 30_000,
    });
    // The error carries its connection (parameters, the backend's cancel key): only what it says goes to the log.
    state.pool.on("error", (error: Error & { code?: string }) => logger.error({ err: { message: error.message, code: error.code } }, "idle database connection failed"));
  }
  return state.pool;
}

export function getDb(): Db {
  state.db ??= drizzle(getPool(), { schema }) as Db;
  return state.db;
}

export async function closeDb(): Promise<void> {
  const pool = state.pool;
  state.pool = undefined;
  state.db = undefined;
  await pool?.end();
}

/** A transaction of the application database, as drizzle hands it to `db.transaction(...)`. */
export type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];

/** Runs SQL written with `$1`-style placeholders (another library's) on a transaction. */
export interface SqlExecutor {
  executeSql(text: string, values: unknown[]): Promise<{ rows: unknown[] }>;
}

/**
 * A transaction as an executor for SQL with positional placeholders, so that what another library writes (a job
 * pg-boss sends) commits or rolls back with the transaction's own changes.
 */
export function sqlExecutor(tx: Tx): SqlExecutor {
  return {
    async executeSql(text, values) {
      // "$3" splits into its number: even parts are SQL text, odd parts name a value.
      const parts = text.split(/\$(\d+)/);
      const chunks: SQL[] = parts.map((part, i) => (i % 2 === 0 ? sql.raw(part) : sql`${values[Number(part) - 1] ?? null}`));
      const result = await tx.execute(sql.join(chunks));
      return { rows: result.rows };
    },
  };
}
