import type { ChildProcess } from "node:child_process";
import { once } from "node:events";
import { afterAll, describe, expect, it } from "vitest";
import { getDb, signInAttempts } from "@/lib/db";
import { unique } from "@/test/helpers/factories";
import { spawnWorker } from "@/test/helpers/worker-process";
import { enqueue, getBoss, stopBoss } from "./index";

function startWorkerProcess(): ChildProcess {
  return spawnWorker({ ...process.env, FERRY_WORKER_CONCURRENCY: "2", LOG_LEVEL: "info" }, ["ignore", "ignore", "pipe"]);
}

async function waitFor<T>(probe: () => Promise<T | undefined>, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const value = await probe();
    if (value !== undefined) return value;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error("timed out");
}

describe("job workers", () => {
  afterAll(() => stopBoss());

  it("runs jobs in several separate worker processes against one database, and stops them gracefully", async () => {
    const login = unique("old");
    await getDb().insert(signInAttempts).values({ login, succeeded: false, createdAt: new Date(Date.now() - 3 * 86_400_000) });
    const workers = [startWorkerProcess(), startWorkerProcess()];
    const logs = workers.map((w) => {
      let text = "";
      w.stderr!.on("data", (chunk: Buffer) => (text += chunk.toString()));
      return () => text;
    });
    try {
      await waitFor(async () => (logs.every((log) => log().includes("worker started")) ? true : undefined));
      const ids = await Promise.all(Array.from({ length: 8 }, () => enqueue("housekeeping", { reason: "manual" })));
      const boss = await getBoss();
      const states = await waitFor(async () => {
        const jobs = await Promise.all(ids.map((id) => boss.getJobById("housekeeping", id!)));
        const all = jobs.map((j) => j?.state);
        return all.every((s) => s === "completed") ? all : undefined;
      });
      expect(states).toHaveLength(8);
      const rows = await getDb().select().from(signInAttempts);
      expect(rows.some((r) => r.login === login)).toBe(false);
    } finally {
      for (const w of workers) w.kill("SIGTERM");
      const codes = await Promise.all(workers.map(async (w) => (w.exitCode ?? (await once(w, "exit"))[0]) as number));
      expect(codes).toEqual([0, 0]);
    }
    expect(logs.every((log) => log().includes("worker stopping"))).toBe(true);
  }, 60_000);
});
