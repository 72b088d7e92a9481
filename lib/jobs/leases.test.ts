import { spawnSync } from "node:child_process";
import os from "node:os";
import { afterAll, describe, expect, it } from "vitest";
import { JobLeases } from "./leases";
import { getBoss, queueSchema, stopBoss } from "./queue";

process.env.FERRY_QUEUE_SCHEMA = "test_job_leases";

/** A pid that was just alive and is not any more. */
const deadPid = () => spawnSync(process.execPath, ["-e", ""]).pid!;

describe("job leases", () => {
  afterAll(() => stopBoss());

  it("give a dead worker's running jobs back to the queue, at once on the same host and after silence elsewhere", async () => {
    const boss = await getBoss("worker");
    const leases = new JobLeases(boss, queueSchema());
    await leases.create();
    const lease = async (host: string, pid: number, secondsAgo: number) => {
      const id = await boss.send("housekeeping", { reason: "manual" });
      const [active] = await boss.fetch("housekeeping", { batchSize: 1 });
      expect(active?.id).toBe(id);
      await boss
        .getDb()
        .executeSql(`INSERT INTO ${queueSchema()}.ferry_job_lease (job_id, queue, worker, host, pid, heartbeat_at) VALUES ($1, 'housekeeping', $2, $3, $4, now() - make_interval(secs => $5))`, [
          id,
          `w-${pid}-${host}`,
          host,
          pid,
          secondsAgo,
        ]);
      return id!;
    };
    const deadHere = await lease(os.hostname(), deadPid(), 0);
    const aliveHere = await lease(os.hostname(), process.ppid, 0);
    const silentElsewhere = await lease("another-host", 4242, 120);
    const talkingElsewhere = await lease("another-host", 4343, 1);

    expect(await leases.reclaim()).toBe(2);
    const state = async (id: string) => (await boss.getJobById("housekeeping", id))?.state;
    expect(await state(deadHere)).toBe("retry");
    expect(await state(silentElsewhere)).toBe("retry");
    expect(await state(aliveHere)).toBe("active");
    expect(await state(talkingElsewhere)).toBe("active");
  });

  it("give back an active job that never got a lease (its worker died in between) once it is 20 s old, not before", async () => {
    const boss = await getBoss("worker");
    const leases = new JobLeases(boss, queueSchema());
    await leases.create();
    const orphan = await boss.send("housekeeping", { reason: "manual" });
    const fresh = await boss.send("housekeeping", { reason: "manual" });
    const taken = await boss.fetch("housekeeping", { batchSize: 2 });
    expect(taken.map((j) => j.id).sort()).toEqual([orphan, fresh].sort());
    await boss.getDb().executeSql(`UPDATE ${queueSchema()}.job SET started_on = now() - interval '30 seconds' WHERE id = $1`, [orphan]);

    expect(await leases.reclaim()).toBe(1);
    const state = async (id: string) => (await boss.getJobById("housekeeping", id))?.state;
    expect(await state(orphan!)).toBe("retry");
    expect(await state(fresh!)).toBe("active");
  });
});
