import path from "node:path";
import pg from "pg";
import { findRunningEmbedded } from "@/lib/db/embedded";

/**
 * Test-only access to the database of the server under test (the embedded one `npm start` runs on the e2e data
 * directory), for journeys that need rows the UI cannot make yet, or changes "from a worker" while a page watches.
 */
const DATA_DIR = path.resolve(process.env.E2E_DATA_DIR ?? ".test-data/e2e");

export function e2eDatabaseUrl(): string {
  const url = findRunningEmbedded(DATA_DIR);
  if (!url) throw new Error(`no embedded PostgreSQL is running for ${DATA_DIR}: is the e2e server up?`);
  return url;
}

export async function withDatabase<T>(fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: e2eDatabaseUrl() });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

export async function userIdOf(client: pg.Client, username: string): Promise<number> {
  const { rows } = await client.query<{ id: number }>("SELECT id FROM users WHERE lower(username) = lower($1)", [username]);
  if (!rows[0]) throw new Error(`no user ${username}`);
  return rows[0].id;
}

/** What the engine does after each change: listeners (web servers) push it to open pages. */
export async function notifyImportChanged(client: pg.Client, event: { userId: number; bulkImportId: number; entityId?: number }): Promise<void> {
  await client.query("SELECT pg_notify('ferry_import_events', $1)", [JSON.stringify(event)]);
}

/** Inserts one row and returns its id; `values` maps column names to values. */
export async function insert(client: pg.Client, table: string, values: Record<string, unknown>): Promise<number> {
  const columns = Object.keys(values);
  const { rows } = await client.query<{ id: number }>(
    `INSERT INTO ${table} (${columns.join(", ")}) VALUES (${columns.map((_, i) => `$${i + 1}`).join(", ")}) RETURNING id`,
    Object.values(values),
  );
  return rows[0]!.id;
}
