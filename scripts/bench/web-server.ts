// The production web server a benchmark talks to, as `npm start` runs it (`dist/server/start.mjs`, which starts the
// Next.js server as its child), on the benchmark's database and data directory (benchEnvironment, benchDatabase), and
// a browser session on it. No worker unless asked: a benchmark starts its own where it needs one.
import { spawn } from "node:child_process";
import fs from "node:fs";
import { childrenOf } from "./proc-stats";

export interface WebServer {
  /** `http://127.0.0.1:<port>` */
  base: string;
  /** The launcher's process. */
  pid: number;
  /** The Next.js server's process, the one that answers requests (pages, the API, git over HTTP). */
  serverPid: number;
  stop(): Promise<void>;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Whether a process runs Node.js: by its executable, as a process title may rename it. */
function isNode(pid: number): boolean {
  try {
    return fs.readlinkSync(`/proc/${pid}/exe`) === fs.realpathSync(process.execPath);
  } catch {
    return false;
  }
}

/** The Next.js server under the launcher: the deepest Node.js process in its tree (`next start` may fork its server). */
function nextServerOf(launcher: number): number {
  let pid = launcher;
  for (;;) {
    const node = childrenOf(pid).find(isNode);
    if (node === undefined) return pid;
    pid = node;
  }
}

/** Starts the web server on `port` and waits until /-/readiness answers 200. */
export async function startWebServer(port: number, env: Record<string, string> = {}): Promise<WebServer> {
  const child = spawn(process.execPath, ["dist/server/start.mjs"], {
    env: { ...process.env, PORT: String(port), FERRY_WORKER: "false", LOG_LEVEL: "warn", ...env },
    stdio: ["ignore", "ignore", "inherit"],
    // A group of its own, so that stopping it stops the Next.js server and what that started.
    detached: true,
  });
  let exited = false;
  const exit = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  void exit.then(() => (exited = true));
  const base = `http://127.0.0.1:${port}`;
  for (let ready = false; !ready; await sleep(250)) {
    if (exited) throw new Error(`the web server exited before it was ready (exit code ${child.exitCode})`);
    ready = await fetch(`${base}/-/readiness`).then((response) => response.ok, () => false);
  }
  return {
    base,
    pid: child.pid!,
    serverPid: nextServerOf(child.pid!),
    async stop() {
      if (exited) return;
      process.kill(-child.pid!, "SIGTERM");
      await exit;
    },
  };
}

/** A browser session of a local account, as the sign-in form gets it: Auth.js's CSRF token, then the credentials callback. */
export async function signIn(base: string, login: string, password: string): Promise<string> {
  const csrf = await fetch(`${base}/api/auth/csrf`);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const response = await fetch(`${base}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: csrf.headers.getSetCookie().map((c) => c.split(";")[0]).join("; "), origin: base },
    body: new URLSearchParams({ csrfToken, login, password }),
  });
  const session = response.headers.getSetCookie().map((c) => c.split(";")[0]).join("; ");
  if (!session.includes("session-token")) throw new Error(`could not sign in (${response.status})`);
  return session;
}
