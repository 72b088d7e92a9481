import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { describe, expect, it, vi } from "vitest";
import { findRunningEmbedded, runningPostmaster, startEmbedded } from "./embedded";

async function query(url: string, text: string) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(text)).rows;
  } finally {
    await client.end();
  }
}

describe("embedded PostgreSQL", () => {
  it("keeps its data across a restart, is found by other processes while up, and leaves no process when stopped", async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "ferry-embedded-"));
    try {
      const first = await startEmbedded(dataDir, { adoptOrphan: false });
      expect(first.owned).toBe(true);
      await query(first.url, "CREATE TABLE kept (v text); INSERT INTO kept VALUES ('survives')");
      expect(findRunningEmbedded(dataDir)).toBe(first.url);
      // A process with no DATABASE_URL (the web server `npm start` runs) finds it on the data directory.
      const environment = { url: process.env.DATABASE_URL, dir: process.env.FERRY_DATA_DIR };
      process.env.DATABASE_URL = "";
      process.env.FERRY_DATA_DIR = dataDir;
      try {
        // Fresh modules: the configuration is read once per process.
        vi.resetModules();
        const { getDatabaseUrl } = await import("./client");
        expect(getDatabaseUrl()).toBe(first.url);
      } finally {
        process.env.DATABASE_URL = environment.url;
        process.env.FERRY_DATA_DIR = environment.dir;
        vi.resetModules();
      }
      const credentials = fs.statSync(path.join(dataDir, "postgres.json"));
      expect(credentials.mode & 0o777).toBe(0o600);
      const pid = runningPostmaster(dataDir)!.pid;
      await first.stop();
      expect(runningPostmaster(dataDir)).toBeUndefined();
      expect(() => process.kill(pid, 0)).toThrow();

      const second = await startEmbedded(dataDir, { adoptOrphan: false });
      expect(await query(second.url, "SELECT v FROM kept")).toEqual([{ v: "survives" }]);
      // A second launcher on the same directory reuses the running server without owning it.
      const borrowed = await startEmbedded(dataDir, { adoptOrphan: false });
      expect(borrowed.owned).toBe(false);
      await borrowed.stop();
      expect(runningPostmaster(dataDir)).toBeDefined();
      await second.stop();
    } finally {
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  }, 60_000);
});
