import fs from "node:fs";
import path from "node:path";
import { getConfig } from "@/lib/config";

// One launcher per data directory: its pid, in the data directory, says which.
const pidFile = () => path.join(getConfig().dataDir, "ferry.pid");

/** The pid of a launcher already running on this data directory, if any. */
export function runningLauncher(): number | undefined {
  try {
    const pid = Number(fs.readFileSync(pidFile(), "utf8"));
    if (pid > 0 && pid !== process.pid) {
      process.kill(pid, 0);
      return pid;
    }
  } catch {
    // no file, or the process is gone
  }
  return undefined;
}

export function claimLauncher(): void {
  fs.mkdirSync(getConfig().dataDir, { recursive: true });
  fs.writeFileSync(pidFile(), String(process.pid));
}

export function releaseLauncher(): void {
  try {
    if (fs.readFileSync(pidFile(), "utf8") === String(process.pid)) fs.unlinkSync(pidFile());
  } catch {
    // already gone
  }
}
