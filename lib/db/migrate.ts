import path from "node:path";
import { migrate } from "drizzle-orm/node-postgres/migrator";
import { getDb } from "./client";

// Any constant: only Ferry's own migrators take it, so concurrent starts apply migrations once.
const MIGRATION_LOCK = 7_264_001;

export async function runMigrations(migrationsFolder = path.resolve(process.cwd(), "drizzle")): Promise<void> {
  const db = getDb();
  const client = await db.$client.connect();
  try {
    await client.query("SELECT pg_advisory_lock($1)", [MIGRATION_LOCK]);
    await migrate(db, { migrationsFolder });
  } finally {
    await client.query("SELECT pg_advisory_unlock($1)", [MIGRATION_LOCK]).catch(() => undefined);
    client.release();
  }
}
