import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { TestProject } from "vitest/node";
import { closeDb, setDatabaseUrl } from "@/lib/db/client";
import { startEmbedded } from "@/lib/db/embedded";
import { runMigrations } from "@/lib/db/migrate";

/**
 * One real PostgreSQL for the whole run: DATABASE_URL when given (a fresh database is created in it), otherwise an
 * embedded server in a temporary data directory. Migrations are applied once; tests read the URL from the env.
 */
export default async function setup(project: TestProject) {
  let stop: () => Promise<void> = async () => undefined;
  let url: string;
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "ferry-test-"));
  if (process.env.DATABASE_URL) {
    const base = new URL(process.env.DATABASE_URL);
    const name = `ferry_test_${process.pid}_${Date.now()}`;
    const { default: pg } = await import("pg");
    const admin = new pg.Client({ connectionString: base.toString() });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    await admin.end();
    base.pathname = `/${name}`;
    url = base.toString();
    stop = async () => {
      const again = new pg.Client({ connectionString: process.env.DATABASE_URL });
      await again.connect();
      await again.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await again.end();
    };
  } else {
    const embedded = await startEmbedded(dataDir, { adoptOrphan: false });
    url = embedded.url;
    stop = () => embedded.stop();
  }
  setDatabaseUrl(url);
  await runMigrations();
  await closeDb();
  project.provide("databaseUrl", url);
  project.provide("dataDir", dataDir);
  return async () => {
    await stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  };
}

declare module "vitest" {
  export interface ProvidedContext {
    databaseUrl: string;
    dataDir: string;
  }
}
