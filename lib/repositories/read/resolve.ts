import { GitError } from "../git-process";
import { revisionProblem } from "../refs";
import { notFound } from "./errors";
import { gitRead } from "./git-read";
import { QUICK_MS, SMALL_OUTPUT } from "./limits";
import { cacheKey, objectCache } from "./object-cache";

const FULL_OBJECT_ID = /^([0-9a-f]{40}|[0-9a-f]{64})$/;
const OBJECT_ID = /^[0-9a-f]{4,64}$/i;

export const isFullObjectId = (value: string) => FULL_OBJECT_ID.test(value);

/** Why a value is not an object id (4 to 64 hex digits), or null. */
export const objectIdProblem = (value: string) => (OBJECT_ID.test(value) ? null : "Not an object id.");

/**
 * The commit a revision (a commit id, `HEAD`, a branch or tag name, validated by revisionProblem) names, or
 * GitNotFoundError(`what`). A full commit id that resolved once always does (commits are immutable), so that answer
 * is cached; names are not, since refs move.
 */
export async function resolveCommit(repo: string, revision: string, what: string): Promise<string> {
  if (revisionProblem(revision)) throw notFound(what);
  const id = revision.toLowerCase();
  const full = isFullObjectId(id);
  const key = cacheKey("commit-exists", repo, id);
  if (full && objectCache.get<true>(key)) return id;
  let result;
  try {
    // After --end-of-options nothing is an option, whatever validation let through.
    result = await gitRead(repo, ["rev-parse", "--verify", "--quiet", "--end-of-options", `${revision}^{commit}`], { timeoutMs: QUICK_MS, maxBytes: SMALL_OUTPUT, okCodes: [0, 1] });
  } catch (error) {
    // An ambiguous short id, or a name git cannot take after all.
    if (error instanceof GitError && error.reason === "exit" && error.exitCode === 128 && !/not a git repository/i.test(error.stderr)) throw notFound(what);
    throw error;
  }
  const sha = result.stdout.toString().trim();
  if (result.code !== 0 || !isFullObjectId(sha)) throw notFound(what);
  objectCache.set(cacheKey("commit-exists", repo, sha), true, 0);
  return sha;
}

/** The commit id `rev` names; GitNotFoundError "404 Commit Not Found" when it names none. */
export function resolveRevision(repo: string, rev: string): Promise<string> {
  return resolveCommit(repo, rev, "Commit");
}

/** The branch HEAD points to (`main`), even before it has a commit; null when HEAD is detached or points elsewhere. */
export async function defaultBranch(repo: string): Promise<string | null> {
  const result = await gitRead(repo, ["symbolic-ref", "--quiet", "HEAD"], { timeoutMs: QUICK_MS, maxBytes: SMALL_OUTPUT, okCodes: [0, 1] });
  const ref = result.stdout.toString().trim();
  return result.code === 0 && ref.startsWith("refs/heads/") ? ref.slice("refs/heads/".length) : null;
}

/** GitLab's empty repository: one without a branch (tags or hidden refs alone do not make it non-empty). */
export async function isEmptyRepository(repo: string): Promise<boolean> {
  const result = await gitRead(repo, ["for-each-ref", "--count=1", "--format=%(refname)", "refs/heads/"], { timeoutMs: QUICK_MS, maxBytes: SMALL_OUTPUT });
  return result.stdout.toString().trim() === "";
}
