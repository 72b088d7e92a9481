// The web server `npm start` spawns (lib/runtime/launcher.ts): Next.js started the way its own standalone server.js
// starts it (the file `next build` writes for output: "standalone", in next/dist/build/utils.js), with the
// configuration the build resolved (.next/required-server-files.json). Against `next start`, that skips its command
// line (commander, and the modules of every other command) and loading and validating next.config.js once more: about
// a fifth of the web server's start, measured. Arguments: port, hostname, keep-alive timeout in ms.
import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";

const [port, hostname, keepAliveTimeout] = process.argv.slice(2);
const dir = process.cwd();
const { config } = JSON.parse(fs.readFileSync(path.join(dir, ".next", "required-server-files.json"), "utf8")) as { config: unknown };

// NODE_ENV=production comes from the launcher, with the rest of the web server's environment.
process.env.NEXT_RUNTIME = "nodejs";
process.env.NEXT_PRIVATE_START_TIME ??= String(Date.now());
// Read by Next.js's loadConfig in place of next.config.js: the build already applied its defaults and checks.
process.env.__NEXT_PRIVATE_STANDALONE_CONFIG = JSON.stringify(config);

// Required, not imported: after the environment above, in the order the standalone server.js loads them.
const requireFromHere = createRequire(import.meta.url);
requireFromHere("next");
const { startServer } = requireFromHere("next/dist/server/lib/start-server") as typeof import("next/dist/server/lib/start-server");

try {
  await startServer({ dir, isDev: false, hostname, port: Number(port), allowRetry: false, keepAliveTimeout: Number(keepAliveTimeout) });
} catch (error) {
  console.error(error);
  process.exit(1);
}
