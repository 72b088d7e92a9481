import { execFile, spawn, type ChildProcess } from "node:child_process";
import { once } from "node:events";
import fs from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import { expect, test } from "./support/test";

const run = promisify(execFile);
const DATA_DIR = path.resolve(`.test-data/restart-${process.env.E2E_PORT ?? 3210}`);
// Next to the suite's own port, so that runs on other ports on the same machine do not collide.
const PORT = Number(process.env.E2E_PORT ?? 3210) + 89;
const env = { ...process.env, FERRY_DATA_DIR: DATA_DIR, PORT: String(PORT), DATABASE_URL: "", LOG_LEVEL: "warn" };

async function start(extra: Record<string, string> = {}): Promise<ChildProcess> {
  // The compiled launcher `npm start` runs (built by the suite's own web server before any journey).
  const child = spawn(process.execPath, ["dist/server/start.mjs"], { env: { ...env, ...extra }, stdio: "ignore" });
  for (let i = 0; i < 120; i++) {
    const ok = await fetch(`http://localhost:${PORT}/-/readiness`).then((r) => r.ok, () => false);
    if (ok) return child;
    await new Promise((r) => setTimeout(r, 500));
  }
  child.kill("SIGKILL");
  throw new Error("Ferry did not become ready");
}

async function stop(child: ChildProcess) {
  child.kill("SIGTERM");
  if (child.exitCode === null) await once(child, "exit");
}

function postmasterAlive(): boolean {
  try {
    const pid = Number(fs.readFileSync(path.join(DATA_DIR, "postgres", "postmaster.pid"), "utf8").split("\n")[0]);
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

test("the embedded database keeps its data across a restart, the CLI works while the server runs, and stopping leaves no postgres", async () => {
  test.setTimeout(180_000);
  fs.rmSync(DATA_DIR, { recursive: true, force: true });
  const first = await start();
  let token: string;
  try {
    await run(process.execPath, ["dist/server/ferry.mjs", "user:create", "--username", "ops", "--email", "ops@example.com", "--password", "operator pass 1"], { env });
    const { stdout } = await run(process.execPath, ["dist/server/ferry.mjs", "token:create", "--username", "ops", "--name", "ops", "--scopes", "api"], { env });
    token = stdout.trim().split("\n").at(-1)!;
    expect(token).toMatch(/^glpat-/);
    const me = await fetch(`http://localhost:${PORT}/api/v4/user`, { headers: { "PRIVATE-TOKEN": token } });
    expect(await me.json()).toMatchObject({ username: "ops", is_admin: true });
  } finally {
    await stop(first);
  }
  expect(postmasterAlive()).toBe(false);
  expect(fs.existsSync(path.join(DATA_DIR, "ferry.pid"))).toBe(false);
  expect(fs.statSync(path.join(DATA_DIR, "secrets.json")).mode & 0o777).toBe(0o600);

  const second = await start();
  try {
    const me = await fetch(`http://localhost:${PORT}/api/v4/user`, { headers: { "PRIVATE-TOKEN": token } });
    expect(me.status).toBe(200);
    expect(await me.json()).toMatchObject({ username: "ops" });
  } finally {
    await stop(second);
  }
  expect(postmasterAlive()).toBe(false);
  fs.rmSync(DATA_DIR, { recursive: true, force: true });
});

test("a web-only node (FERRY_WORKER=false) on a fresh database installs the queue schema and becomes ready", async () => {
  test.setTimeout(120_000);
  fs.rmSync(DATA_DIR, { recursive: true, force: true });
  const web = await start({ FERRY_WORKER: "false" });
  try {
    const ready = await fetch(`http://localhost:${PORT}/-/readiness`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({ queue_check: [{ status: "ok" }] });
  } finally {
    await stop(web);
  }
  fs.rmSync(DATA_DIR, { recursive: true, force: true });
});
