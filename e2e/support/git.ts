import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

/** The real git binary, with no global configuration or credential helper of the machine's and never a prompt. */
export function git(cwd: string, args: string[], options: { allowFailure?: boolean } = {}): { ok: boolean; output: string } {
  const home = path.join(cwd, "..", "home");
  fs.mkdirSync(home, { recursive: true });
  try {
    const output = execFileSync("git", args, {
      cwd,
      encoding: "utf8",
      stdio: ["ignore", "pipe", "pipe"],
      env: { ...process.env, HOME: home, GIT_CONFIG_NOSYSTEM: "1", GIT_TERMINAL_PROMPT: "0", LANG: "C" },
      timeout: 60_000,
    });
    return { ok: true, output };
  } catch (error) {
    const failure = error as { stdout?: string; stderr?: string; message: string };
    if (!options.allowFailure) throw new Error(`git ${args.join(" ")} failed: ${failure.stderr ?? failure.message}`);
    return { ok: false, output: `${failure.stdout ?? ""}${failure.stderr ?? ""}` };
  }
}
