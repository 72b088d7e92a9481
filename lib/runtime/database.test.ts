import { afterAll, describe, expect, it } from "vitest";
import { getDb } from "@/lib/db";
import { openDatabase } from "./database";

describe("openDatabase's release", () => {
  const held: { release(): void }[] = [];
  afterAll(() => held.forEach((client) => client.release()));

  it("ends even while a client is still checked out of the pool", async () => {
    // DATABASE_URL (the tests' database): the pool of this process, nothing to start or stop.
    const database = await openDatabase({ adoptOrphan: false });
    held.push(await getDb().$client.connect());
    const started = Date.now();
    await database.release();
    expect(Date.now() - started).toBeGreaterThanOrEqual(4_000);
    expect(Date.now() - started).toBeLessThan(15_000);
  });
});
