import { spawn, type ChildProcess, type StdioOptions } from "node:child_process";

/**
 * A `ferry worker` process as production runs it: the compiled worker (`npm run worker`'s dist/server/ferry.mjs, built
 * by the test run's global setup), not the TypeScript through tsx, which spent 3.5 s of CPU transpiling at every start
 * of every killed and restarted worker.
 */
export function spawnWorker(env: NodeJS.ProcessEnv, stdio: StdioOptions = "ignore"): ChildProcess {
  return spawn(process.execPath, ["--enable-source-maps", "dist/server/ferry.mjs", "worker"], { env, stdio });
}
