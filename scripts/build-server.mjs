// Compiles what runs outside Next.js (the launcher, the worker and the CLI: scripts/start.ts, scripts/ferry.ts and the
// lib/ code they use) into dist/server/*.mjs, so that production never transpiles TypeScript at run time: a warm
// `npm start` loads in a fraction of the time and an idle worker holds a fraction of the memory. Packages stay in
// node_modules (not bundled). Skipped when the output is newer than every source, so it costs milliseconds warm.
// Plain JavaScript on purpose: it must run before anything is compiled.
import fs from "node:fs";
import path from "node:path";
import { build } from "esbuild";

const root = path.resolve(import.meta.dirname, "..");
const outdir = path.join(root, "dist", "server");
const entries = ["scripts/start.ts", "scripts/ferry.ts"];
const outputs = entries.map((entry) => path.join(outdir, `${path.basename(entry, ".ts")}.mjs`));

function newestIn(target) {
  const stat = fs.statSync(target, { throwIfNoEntry: false });
  if (!stat) return 0;
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const name of fs.readdirSync(target)) newest = Math.max(newest, newestIn(path.join(target, name)));
  return newest;
}

const sources = ["lib", "scripts", "package-lock.json", "tsconfig.json"].map((p) => newestIn(path.join(root, p)));
const built = Math.min(...outputs.map((file) => fs.statSync(file, { throwIfNoEntry: false })?.mtimeMs ?? 0));
if (built > Math.max(...sources)) process.exit(0);

const started = performance.now();
await build({
  absWorkingDir: root,
  entryPoints: entries,
  outdir,
  outExtension: { ".js": ".mjs" },
  bundle: true,
  platform: "node",
  format: "esm",
  target: "node20",
  // `@/…` imports resolve through tsconfig's paths and are bundled; packages load from node_modules as usual.
  packages: "external",
  sourcemap: true,
  logLevel: "warning",
});
// stderr: `npm run ferry` prints its results on stdout.
console.error(`compiled the launcher, worker and CLI in ${Math.round(performance.now() - started)} ms`);
