import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { logger } from "@/lib/log";
import { newestMtime } from "./newest-mtime.mjs";

const SOURCE_DIRS = ["app", "components", "lib", "pages"];
const SOURCE_FILES = ["next.config.js", "package-lock.json", "postcss.config.mjs", "proxy.ts", "tsconfig.build.json", "tsconfig.json"];

/** Whether .next holds a production build newer than every source file (a pull after a build must rebuild). */
export function buildIsCurrent(root: string): boolean {
  const buildId = path.join(root, ".next", "BUILD_ID");
  if (!fs.existsSync(buildId)) return false;
  const built = fs.statSync(buildId).mtimeMs;
  return [...SOURCE_DIRS, ...SOURCE_FILES].every((entry) => newestMtime(path.join(root, entry)) <= built);
}

function nextBin(root: string): string {
  return path.join(root, "node_modules", "next", "dist", "bin", "next");
}

export async function buildApp(root: string, env: NodeJS.ProcessEnv): Promise<void> {
  logger.info("building the web app (first start, or sources changed since the last build)");
  const started = Date.now();
  await new Promise<void>((resolve, reject) => {
    const child = spawn(process.execPath, [nextBin(root), "build"], { cwd: root, env, stdio: ["ignore", "inherit", "inherit"] });
    child.on("error", reject);
    child.on("exit", (code) => (code === 0 ? resolve() : reject(new Error(`next build failed with exit code ${code}`))));
  });
  logger.info({ ms: Date.now() - started }, "web app built");
}
