import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll } from "vitest";

/** A directory removed when the test file is done. Call at the top level of the file. */
export function temporaryDirectory(prefix: string): string {
  const directory = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  afterAll(() => fs.rmSync(directory, { recursive: true, force: true }));
  return directory;
}

/** A git client's environment: no configuration of the machine or the user, no prompts, a fixed identity for commits. */
export const CLIENT_ENV = {
  PATH: process.env.PATH ?? "/usr/bin:/bin",
  HOME: os.devNull,
  GIT_CONFIG_NOSYSTEM: "1",
  GIT_TERMINAL_PROMPT: "0",
  GIT_AUTHOR_NAME: "Ada Lovelace",
  GIT_AUTHOR_EMAIL: "ada@example.com",
  GIT_COMMITTER_NAME: "Ada Lovelace",
  GIT_COMMITTER_EMAIL: "ada@example.com",
  NODE_ENV: "test" as const,
};

export interface GitRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the git client, asynchronously: the server it talks to runs in this same process. */
export function gitRun(cwd: string, args: string[]): Promise<GitRun> {
  return new Promise((resolve, reject) => {
    execFile("git", args, { cwd, env: CLIENT_ENV, encoding: "utf8", maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      if (error && typeof error.code !== "number") reject(error);
      else resolve({ code: error ? Number(error.code) : 0, stdout, stderr });
    });
  });
}

/** Runs the git client and gives its stdout, trimmed; fails with git's stderr when git does. */
export async function git(cwd: string, args: string[]): Promise<string> {
  const run = await gitRun(cwd, args);
  if (run.code !== 0) throw new Error(`git ${args.join(" ")} exited with ${run.code}: ${run.stderr}`);
  return run.stdout.trim();
}

/** Runs the git client expecting it to fail; gives its stderr. */
export async function gitFailure(cwd: string, args: string[]): Promise<string> {
  const run = await gitRun(cwd, args);
  if (run.code === 0) throw new Error(`git ${args.join(" ")} succeeded but should have failed`);
  return run.stderr;
}

/** Writes files into a working tree and commits them all; gives the new commit's id. */
export async function commitFiles(worktree: string, files: Record<string, string>, message: string): Promise<string> {
  for (const [name, content] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(worktree, name)), { recursive: true });
    fs.writeFileSync(path.join(worktree, name), content);
  }
  await git(worktree, ["add", "--all"]);
  await git(worktree, ["commit", "--quiet", "--message", message]);
  return git(worktree, ["rev-parse", "HEAD"]);
}

/** A new working tree with `main` checked out and one commit. */
export async function newWorktree(parent: string, name: string): Promise<string> {
  const worktree = path.join(parent, name);
  await git(parent, ["init", "--quiet", "--initial-branch=main", worktree]);
  await commitFiles(worktree, { "README.md": `# ${name}\n` }, "Initial commit");
  return worktree;
}
