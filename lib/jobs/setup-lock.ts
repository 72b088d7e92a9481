import { getPool } from "@/lib/db";

// An arbitrary constant shared by every Ferry process: pg_advisory_lock's key for creating the queue's tables.
const QUEUE_SETUP_LOCK = 7_346_011;

/**
 * Runs `setup` while no other Ferry process does: `CREATE ... IF NOT EXISTS` is not safe against a concurrent twin
 * (two processes starting on a fresh database, one fails on a duplicate catalog row), so the first creates the queue's
 * schema and tables under this lock and the others then find them.
 */
export async function underQueueSetupLock<T>(setup: () => Promise<T>): Promise<T> {
  const client = await getPool().connect();
  try {
    await client.query("SELECT pg_advisory_lock($1)", [QUEUE_SETUP_LOCK]);
    return await setup();
  } finally {
    await client.query("SELECT pg_advisory_unlock($1)", [QUEUE_SETUP_LOCK]).catch(() => undefined);
    client.release();
  }
}
