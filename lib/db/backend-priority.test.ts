import os from "node:os";
import pg from "pg";
import { afterEach, describe, expect, it } from "vitest";
import { lowerBackendPriority } from "./backend-priority";

const url = process.env.DATABASE_URL!;
const pools: pg.Pool[] = [];
afterEach(async () => {
  await Promise.all(pools.splice(0).map((pool) => pool.end()));
});

async function backendPriority(pool: pg.Pool): Promise<number> {
  const client = await pool.connect();
  try {
    const { rows } = await client.query<{ pid: number }>("SELECT pg_backend_pid() AS pid");
    return os.getPriority(Number(rows[0]!.pid));
  } finally {
    client.release();
  }
}

// The tests' database is the embedded one, on loopback, unless DATABASE_URL names another.
describe.runIf(process.platform === "linux" && ["127.0.0.1", "localhost"].includes(new URL(url).hostname))("lowerBackendPriority", () => {
  it("gives the pool's backends on this host the lowered priority, each as it is first handed out", async () => {
    const pool = new pg.Pool({ connectionString: url, max: 2 });
    pools.push(pool);

    // A client opened before the call is lowered too, when next handed out.
    expect(await backendPriority(pool)).toBe(0);
    lowerBackendPriority(pool, url, 7);
    // Nothing is sent on a client handed out but its owner's statements (pg@9 refuses a query sent while one runs): what
    // a client has queued or running as its owner gets it (node-postgres's own fields).
    const busy: number[] = [];
    pool.on("acquire", (client) => {
      const internals = client as unknown as { queryQueue: unknown[]; activeQuery: unknown };
      busy.push(internals.queryQueue.length + (internals.activeQuery ? 1 : 0));
    });
    expect(await backendPriority(pool)).toBe(7);
    const [a, b] = await Promise.all([pool.connect(), pool.connect()]);
    const pids = await Promise.all([a!, b!].map(async (client) => Number((await client.query<{ pid: number }>("SELECT pg_backend_pid() AS pid")).rows[0]!.pid)));
    a!.release();
    b!.release();
    expect(pids.map((pid) => os.getPriority(pid))).toEqual([7, 7]);
    expect(busy).toEqual([0, 0, 0]);
  });

  it("leaves alone a database that is not on this host, and does nothing at 0", async () => {
    const remote = new pg.Pool({ connectionString: url, max: 1 });
    const zero = new pg.Pool({ connectionString: url, max: 1 });
    pools.push(remote, zero);
    lowerBackendPriority(remote, url.replace(/@[^/]+\//, "@db.example.com:5432/"), 7);
    lowerBackendPriority(zero, url, 0);
    expect(await backendPriority(remote)).toBe(0);
    expect(await backendPriority(zero)).toBe(0);
  });
});
