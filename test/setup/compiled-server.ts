import { execFileSync } from "node:child_process";

/**
 * Compiles the launcher, worker and CLI once for the run (scripts/build-server.mjs, skipped when up to date): tests
 * that start worker processes start the compiled worker, as `npm run worker` does. Before any test file, so that no
 * test reads a file while it is written.
 */
export default function setup() {
  execFileSync(process.execPath, ["scripts/build-server.mjs"], { stdio: "inherit" });
}
