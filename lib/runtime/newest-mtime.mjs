// Plain JavaScript on purpose: scripts/build-server.mjs uses it before anything is compiled, and the launcher (compiled
// TypeScript) to tell whether the Next.js build is current. One walk rule for both checks.
import fs from "node:fs";
import path from "node:path";

/** The newest modification time (ms) of a file, or of a directory and everything under it; 0 when it does not exist. */
export function newestMtime(entry) {
  const stat = fs.statSync(entry, { throwIfNoEntry: false });
  if (!stat) return 0;
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const name of fs.readdirSync(entry)) newest = Math.max(newest, newestMtime(path.join(entry, name)));
  return newest;
}
