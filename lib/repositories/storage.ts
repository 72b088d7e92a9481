import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { runGit, type RunGitOptions } from "./git-process";
import { repositoryPath, type StoredRepositoryKind } from "./layout";
import { refNameProblem } from "./refs";

// Each of these commands prints an object id or nothing, in far less than this.
const SMALL_RUN: Pick<RunGitOptions, "timeoutMs" | "maxStdoutBytes"> = { timeoutMs: 60_000, maxStdoutBytes: 4096 };

export interface ReadmeCommit {
  content: string | Uint8Array;
  authorName: string;
  authorEmail: string;
  message: string;
}

export interface CreateRepositoryOptions {
  kind: StoredRepositoryKind;
  /** The branch HEAD points to, created by the README commit if there is one. */
  defaultBranch?: string;
  /** A first commit with a README.md, as GitLab's "Initialize repository with a README". */
  readme?: ReadmeCommit;
}

export class RepositoryExistsError extends Error {
  constructor(readonly repositoryPath: string) {
    super(`A repository already exists at ${repositoryPath}.`);
    this.name = "RepositoryExistsError";
  }
}

/** A unique name beside a repository, for one that is being created or deleted. */
const besideTarget = (target: string, suffix: "tmp" | "deleted") => `${target}.${randomBytes(6).toString("hex")}.${suffix}`;

async function commitReadme(gitDir: string, branch: string, readme: ReadmeCommit): Promise<void> {
  const run = async (args: string[], options: Partial<RunGitOptions> = {}) =>
    (await runGit(args, { ...SMALL_RUN, gitDir, ...options })).stdout.toString().trim();
  // Objects written straight into the bare repository: no working tree, no index, nothing checked out.
  const blob = await run(["hash-object", "-w", "--stdin"], { input: readme.content });
  const tree = await run(["mktree"], { input: `100644 blob ${blob}\tREADME.md\n` });
  const identity = { GIT_AUTHOR_NAME: readme.authorName, GIT_AUTHOR_EMAIL: readme.authorEmail, GIT_COMMITTER_NAME: readme.authorName, GIT_COMMITTER_EMAIL: readme.authorEmail };
  // The message on stdin: whatever it says, it is never read as an option.
  const commit = await run(["commit-tree", tree], { input: readme.message, env: identity });
  await run(["update-ref", `refs/heads/${branch}`, commit]);
}

/**
 * Creates a project's (or wiki's, or a snippet's by the snippet's id) bare repository, HEAD on the default branch, optionally with a first commit holding
 * a README. It is built under a temporary name beside its place and renamed there when complete, so a crash never
 * leaves half a repository where Ferry looks for one. Fails with RepositoryExistsError when there is one already.
 */
export async function createRepository(id: number, options: CreateRepositoryOptions): Promise<string> {
  const branch = options.defaultBranch ?? "main";
  const problem = refNameProblem(branch);
  if (problem) throw new Error(`Invalid default branch ${JSON.stringify(branch)}: ${problem}`);
  const target = repositoryPath(id, options.kind);
  // Private code: readable by Ferry's own user only.
  await fs.promises.mkdir(path.dirname(target), { recursive: true, mode: 0o700 });
  const temporary = besideTarget(target, "tmp");
  try {
    // No template: a system template directory may hold hooks, and Ferry's repositories carry none.
    await runGit(["init", "--bare", "--quiet", "--template=", `--initial-branch=${branch}`, temporary], SMALL_RUN);
    if (options.readme) await commitReadme(temporary, branch, options.readme);
    await fs.promises.rename(temporary, target);
  } catch (error) {
    await fs.promises.rm(temporary, { recursive: true, force: true });
    if ((error as NodeJS.ErrnoException).code === "ENOTEMPTY" || (error as NodeJS.ErrnoException).code === "EEXIST") throw new RepositoryExistsError(target);
    throw error;
  }
  return target;
}

export async function repositoryExists(id: number, kind: StoredRepositoryKind): Promise<boolean> {
  const stat = await fs.promises.stat(path.join(repositoryPath(id, kind), "HEAD")).catch(() => null);
  return stat?.isFile() ?? false;
}

/**
 * Deletes a repository, and whatever an interrupted creation or deletion left beside it; nothing there is fine. It is
 * renamed away first, so nobody reads a half-deleted repository at its place.
 */
export async function removeRepository(id: number, kind: StoredRepositoryKind): Promise<void> {
  const target = repositoryPath(id, kind);
  const doomed = besideTarget(target, "deleted");
  await fs.promises.rename(target, doomed).catch((error: NodeJS.ErrnoException) => {
    if (error.code !== "ENOENT") throw error;
  });
  const directory = path.dirname(target);
  const prefix = `${path.basename(target)}.`;
  const names = await fs.promises.readdir(directory).catch(() => []);
  // The repository just renamed away is one of them.
  const leftovers = names.filter((name) => name.startsWith(prefix) && /\.(tmp|deleted)$/.test(name));
  await Promise.all(leftovers.map((name) => fs.promises.rm(path.join(directory, name), { recursive: true, force: true })));
}

/**
 * Points HEAD at `branch`: GitLab's default branch, what a clone checks out and the pages show first. A repository
 * with branches must have this one ("missing" otherwise, and HEAD stays); an empty repository takes any valid name,
 * which its first push then creates.
 */
export async function setDefaultBranch(projectId: number, kind: StoredRepositoryKind, branch: string): Promise<"set" | "missing"> {
  const problem = refNameProblem(branch);
  if (problem) throw new Error(problem);
  const gitDir = repositoryPath(projectId, kind);
  const ref = `refs/heads/${branch}`;
  const { stdout: anyBranch } = await runGit(["for-each-ref", "--count=1", "--format=%(refname)", "refs/heads/"], { gitDir, ...SMALL_RUN });
  if (anyBranch.length > 0) {
    const { code } = await runGit(["show-ref", "--verify", "--quiet", ref], { gitDir, okCodes: [0, 1], ...SMALL_RUN });
    if (code !== 0) return "missing";
  }
  await runGit(["symbolic-ref", "HEAD", ref], { gitDir, ...SMALL_RUN });
  return "set";
}
