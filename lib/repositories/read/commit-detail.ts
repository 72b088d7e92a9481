import type { Commit } from "./commit-format";
import { commitsById } from "./commits";
import { gitRecords } from "./git-read";
import { DIFF_MS } from "./limits";
import { cacheKey, objectCache } from "./object-cache";
import { resolveRevision } from "./resolve";

export interface CommitStats {
  additions: number;
  deletions: number;
  total: number;
}

/** GitLab's Entities::CommitDetail, less what is not git's (status, project_id, last_pipeline, web_url). */
export interface CommitDetail extends Commit {
  stats?: CommitStats;
}

/**
 * Lines added and deleted against the first parent (the empty tree for a root commit), renames detected, binary files
 * counted as nothing, as GitLab's stats. Streamed: a commit touching a million files costs time, not memory.
 */
export async function commitStats(repo: string, commit: Commit): Promise<CommitStats> {
  return objectCache.getOrLoad(
    cacheKey("commit-stats", repo, commit.id),
    async () => {
      const parent = commit.parent_ids[0];
      const sides = parent ? ["--end-of-options", parent, commit.id] : ["--root", "--end-of-options", commit.id];
      const stats = { additions: 0, deletions: 0, total: 0 };
      // With -z a rename prints "added TAB deleted TAB" then its two paths as records of their own.
      let pathsToSkip = 0;
      await gitRecords(repo, ["diff-tree", "-r", "-M", "--numstat", "-z", "--no-commit-id", "--no-ext-diff", "--no-textconv", ...sides], { separator: 0, timeoutMs: DIFF_MS }, (record) => {
        if (pathsToSkip > 0) {
          pathsToSkip--;
          return "more";
        }
        const text = record.toString("latin1");
        const first = text.indexOf("\t");
        const second = text.indexOf("\t", first + 1);
        if (first < 0 || second < 0) return "more";
        stats.additions += Number(text.slice(0, first)) || 0;
        stats.deletions += Number(text.slice(first + 1, second)) || 0;
        if (second === text.length - 1) pathsToSkip = 2;
        return "more";
      });
      stats.total = stats.additions + stats.deletions;
      return stats;
    },
    () => 100,
  );
}

/** GitLab's GET /projects/:id/repository/commits/:sha; "404 Commit Not Found" when `rev` names no commit. */
export async function getCommit(repo: string, rev: string, options: { stats?: boolean } = {}): Promise<CommitDetail> {
  const id = await resolveRevision(repo, rev);
  const [commit] = await commitsById(repo, [id]);
  if (options.stats === false) return commit!;
  return { ...commit!, stats: await commitStats(repo, commit!) };
}
