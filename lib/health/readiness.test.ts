import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { closeDb, setDatabaseUrl } from "@/lib/db";
import { runMigrations } from "@/lib/db/migrate";
import { createScratchDatabase } from "@/test/helpers/scratch-database";
import { readiness } from "./index";

// A database of this file's own, empty at first: the web server can start before the launcher has migrated it.
let drop = async () => undefined as void;

afterAll(async () => {
  await closeDb();
  await drop();
});

describe("readiness", () => {
  it("is failed until the database has this build's migrations, then the database check passes", async () => {
    const database = await createScratchDatabase("ferry_readiness");
    drop = database.drop;
    setDatabaseUrl(database.url);

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
