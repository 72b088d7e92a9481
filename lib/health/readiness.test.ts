import { randomBytes } from "node:crypto";
import path from "node:path";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { closeDb, setDatabaseUrl } from "@/lib/db";
import { runMigrations } from "@/lib/db/migrate";
import { readiness } from "./index";

// A database of this file's own, empty at first: the web server can start before the launcher has migrated it.
const name = `ferry_readiness_${randomBytes(4).toString("hex")}`;
const admin = new pg.Client({ connectionString: process.env.DATABASE_URL });
const url = new URL(process.env.DATABASE_URL!);
url.pathname = `/${name}`;

afterAll(async () => {
  await closeDb();
  // Dropped once its backends have left (see owner-migration.test.ts).
  for (let waited = 0; waited < 10_000; waited += 50) {
    const { rows } = await admin.query<{ n: number }>("SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = $1", [name]);
    if (rows[0]!.n === 0) break;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await admin.end();
});

describe("readiness", () => {
  it("is failed until the database has this build's migrations, then the database check passes", async () => {
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    setDatabaseUrl(url.toString());

    const before = await readiness();
    expect(before.ready).toBe(false);
    expect(before.checks.db_check![0]!.status).toBe("failed");

    await runMigrations(path.resolve(process.cwd(), "drizzle"));
    const after = await readiness();
    expect(after.checks.db_check).toEqual([{ status: "ok" }]);
    // No worker has installed the job queue's schema in this database: still not ready, and saying why.
    expect(after.checks.queue_check![0]).toMatchObject({ status: "failed" });
    expect(after.ready).toBe(false);
  });
});
