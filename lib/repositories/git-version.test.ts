import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { temporaryDirectory } from "@/test/helpers/git-client";
import { checkGitVersion } from "./git-version";

const root = temporaryDirectory("ferry-git-version-");

/** Runs the check with a fake `git` (a shell script) first on the PATH. */
async function checkWithFakeGit(script: string): Promise<string> {
  const directory = fs.mkdtempSync(path.join(root, "bin-"));
  fs.writeFileSync(path.join(directory, "git"), `#!/bin/sh\n${script}\n`, { mode: 0o755 });
  const saved = process.env.PATH;
  process.env.PATH = `${directory}${path.delimiter}${saved}`;
  try {
    return await checkGitVersion();
  } finally {
    process.env.PATH = saved;
  }
}

describe("checkGitVersion", () => {
  it("gives the version of the git on the PATH", async () => {
    const installed = execFileSync("git", ["--version"], { encoding: "utf8" }).trim().replace(/^git version /, "");
    expect(await checkGitVersion()).toBe(installed);
    expect(await checkWithFakeGit('echo "git version 2.30.0 (Apple Git-130)"')).toBe("2.30.0");
    expect(await checkWithFakeGit('echo "git version 3.0.1.windows.1"')).toBe("3.0.1.windows.1");
  });

  it("refuses an older git, output it cannot read and a git that fails", async () => {
    await expect(checkWithFakeGit('echo "git version 2.29.3"')).rejects.toThrow("Ferry needs git 2.30 or newer on the PATH; this host has git 2.29.3.");
    await expect(checkWithFakeGit('echo "git version 1.9.5"')).rejects.toThrow("this host has git 1.9.5.");
    await expect(checkWithFakeGit('echo "hello"')).rejects.toThrow('Ferry needs git 2.30 or newer on the PATH; `git --version` printed "hello".');
    await expect(checkWithFakeGit('echo "broken" >&2; exit 3')).rejects.toThrow("Ferry needs git 2.30 or newer on the PATH: git --version failed with exit code 3: broken");
  });
});
