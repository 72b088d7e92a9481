import { randomBytes } from "node:crypto";
import pg from "pg";

/** A database of a test's own on the test server (empty, not migrated), and how to drop it. */
export async function createScratchDatabase(prefix: string): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `${prefix}_${randomBytes(4).toString("hex")}`;
  const admin = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  const url = new URL(process.env.DATABASE_URL!);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      // A pool's end() resolves once its clients are told to end, before their backends are gone. Dropping WITH
      // (FORCE) then terminated a backend whose client was still closing, and its FATAL became an unhandled error that
      // failed the run (2 of 5 CI runs beside CPU burners). Wait for the backends to leave; FORCE is the last resort.
      for (let waited = 0; waited < 10_000; waited += 50) {
        const { rows } = await admin.query<{ n: number }>("SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = $1", [name]);
        if (rows[0]!.n === 0) break;
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.end();
    },
  };
}
