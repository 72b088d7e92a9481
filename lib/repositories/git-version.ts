import { GitError, runGit } from "./git-process";

// `git init -b` needs 2.28, protocol v2 over HTTP 2.18; 2.30 is the oldest git a supported distribution still ships.
const MINIMUM = { major: 2, minor: 30 };

/**
 * The version of the git on the PATH (`2.39.5`), or an error saying what is needed: run it when a process starts, so
 * that a missing or old git is reported at once rather than by the first clone.
 */
export async function checkGitVersion(): Promise<string> {
  const wanted = `Ferry needs git ${MINIMUM.major}.${MINIMUM.minor} or newer on the PATH`;
  let output: string;
  try {
    output = (await runGit(["--version"], { timeoutMs: 10_000, maxStdoutBytes: 1024 })).stdout.toString().trim();
  } catch (error) {
    throw new Error(`${wanted}: ${error instanceof GitError ? error.message : String(error)}`, { cause: error });
  }
  const match = /^git version ((\d+)\.(\d+)\S*)/.exec(output);
  if (!match) throw new Error(`${wanted}; \`git --version\` printed ${JSON.stringify(output.slice(0, 200))}.`);
  const major = Number(match[2]);
  const minor = Number(match[3]);
  if (major < MINIMUM.major || (major === MINIMUM.major && minor < MINIMUM.minor)) throw new Error(`${wanted}; this host has git ${match[1]}.`);
  return match[1]!;
}
