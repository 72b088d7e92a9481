import { GitError } from "../git-process";
import { countCommits } from "./commits";
import { gitRead, gitRecords } from "./git-read";
import { QUICK_MS, SMALL_OUTPUT } from "./limits";
import { resolveCommit } from "./resolve";
import { GitNotFoundError } from "./errors";

/** The git part of GitLab's project statistics. */
export interface RepositoryStatistics {
  /** Commits reachable from HEAD; null when counting them took longer than allowed. */
  commit_count: number | null;
  /** Bytes of objects on disk: loose (`size`) and packed (`size-pack`), as `git count-objects -v` reports them. */
  repository_size: number;
  branch_count: number;
  tag_count: number;
}

// Counting the history of a very large repository is the slow part: past this it is given up, not waited for.
const COUNT_TIMEOUT_MS = 10_000;

async function headCommitCount(repo: string): Promise<number | null> {
  let head: string;
  try {
    head = await resolveCommit(repo, "HEAD", "Commit");
  } catch (error) {
    // An empty repository: HEAD names a branch without commits.
    if (error instanceof GitNotFoundError && error.what === "Commit") return 0;
    throw error;
  }
  try {
    // Cached by commit id: a count at a given commit never changes.
    return await countCommits(repo, head, COUNT_TIMEOUT_MS);
  } catch (error) {
    if (error instanceof GitError && error.reason === "timeout") return null;
    throw error;
  }
}

async function diskSize(repo: string): Promise<number> {
  const { stdout } = await gitRead(repo, ["count-objects", "-v"], { timeoutMs: QUICK_MS, maxBytes: SMALL_OUTPUT });
  const kib = (name: string) => Number(new RegExp(`^${name}: (\\d+)$`, "m").exec(stdout.toString())?.[1] ?? 0);
  return (kib("size") + kib("size-pack")) * 1024;
}

async function refCounts(repo: string): Promise<{ branches: number; tags: number }> {
  const counts = { branches: 0, tags: 0 };
  await gitRecords(repo, ["for-each-ref", "--format=%(refname)", "--end-of-options", "refs/heads/", "refs/tags/"], { separator: 10, timeoutMs: QUICK_MS }, (record) => {
    if (record.subarray(0, 11).toString() === "refs/heads/") counts.branches++;
    else counts.tags++;
    return "more";
  });
  return counts;
}

/** Commit count, size on disk, branch and tag counts; quick on large repositories (the count is bounded in time). */
export async function repositoryStatistics(repo: string): Promise<RepositoryStatistics> {
  const [commitCount, size, refs] = await Promise.all([headCommitCount(repo), diskSize(repo), refCounts(repo)]);
  return { commit_count: commitCount, repository_size: size, branch_count: refs.branches, tag_count: refs.tags };
}
