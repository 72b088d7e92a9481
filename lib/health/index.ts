import { sql } from "drizzle-orm";
import journal from "@/drizzle/meta/_journal.json";
import { getDb } from "@/lib/db";
import { queueSchema } from "@/lib/jobs";

// The newest migration this build ships (drizzle records each applied one with its journal time).
const NEWEST_MIGRATION = Math.max(...journal.entries.map((entry) => entry.when));
// Once migrated, a database stays so for the life of this process.
let migrated = false;

/** Whether the database has this build's migrations: the web server may start before the launcher has applied them. */
async function checkMigrated(): Promise<void> {
  if (migrated) return;
  const result = await getDb().execute<{ newest: string | null }>(sql`SELECT max(created_at)::text AS newest FROM drizzle.__drizzle_migrations`);
  if (Number(result.rows[0]?.newest ?? 0) < NEWEST_MIGRATION) throw new Error("database migrations not applied yet");
  migrated = true;
}

export interface ReadinessCheck {
  status: "ok" | "failed";
  message?: string;
}

async function check(run: () => Promise<unknown>): Promise<ReadinessCheck> {
  try {
    await Promise.race([run(), new Promise((_, reject) => setTimeout(() => reject(new Error("timed out after 5 s")), 5_000))]);
    return { status: "ok" };
  } catch (error) {
    return { status: "failed", message: error instanceof Error ? error.message : "failed" };
  }
}

/** GitLab's readiness shape: one entry per dependency, each `[{status}]`. */
export async function readiness(): Promise<{ ready: boolean; checks: Record<string, ReadinessCheck[]> }> {
  const [db, queue] = await Promise.all([
    check(checkMigrated),
    check(async () => {
      const result = await getDb().execute(sql`SELECT version FROM ${sql.identifier(queueSchema())}.version`);
      if (result.rows.length === 0) throw new Error("job queue schema not installed");
    }),
  ]);
  return { ready: db.status === "ok" && queue.status === "ok", checks: { db_check: [db], queue_check: [queue] } };
}
