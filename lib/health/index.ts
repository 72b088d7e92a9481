import { sql } from "drizzle-orm";
import { getDb } from "@/lib/db";
import { queueSchema } from "@/lib/jobs";

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
    check(() => getDb().execute(sql`SELECT 1`)),
    check(async () => {
      const result = await getDb().execute(sql`SELECT version FROM ${sql.identifier(queueSchema())}.version`);
      if (result.rows.length === 0) throw new Error("job queue schema not installed");
    }),
  ]);
  return { ready: db.status === "ok" && queue.status === "ok", checks: { db_check: [db], queue_check: [queue] } };
}
