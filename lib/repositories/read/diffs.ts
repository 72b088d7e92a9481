import { GitError } from "../git-process";
import { revisionProblem } from "../refs";
import { COMMIT_FORMAT, parseCommits, weighCommit, type Commit } from "./commit-format";
import { commitsById } from "./commits";
import { DiffParser, type DiffFile, type DiffLimits, type DiffResult } from "./diff-parse";
import { notFound } from "./errors";
import { gitChunks, gitRead } from "./git-read";
import { DIFF_MS, HISTORY_MS, LOG_OUTPUT, SMALL_OUTPUT } from "./limits";
import { cacheKey, objectCache } from "./object-cache";
import { resolveCommit, resolveRevision } from "./resolve";

export const DIFF_ARGS = ["diff-tree", "-r", "-M", "--raw", "-p", "-z", "--no-abbrev", "--full-index", "--no-commit-id", "--no-color", "--no-ext-diff", "--no-textconv", "--submodule=short"];

const weighDiff = (result: DiffResult) => result.diffs.reduce((sum, file) => sum + 2 * (file.diff.length + file.old_path.length + file.new_path.length) + 200, 100);

/** The diff between two commits (or of a root commit against nothing), bounded by `limits`; cached by both ids. */
async function treeDiff(repo: string, from: string | null, to: string, limits: DiffLimits): Promise<DiffResult> {
  return objectCache.getOrLoad(
    cacheKey("diff", repo, from ?? "root", to, JSON.stringify(limits)),
    async () => {
      const sides = from ? ["--end-of-options", from, to] : ["--root", "--end-of-options", to];
      const parser = new DiffParser(limits);
      await gitChunks(repo, [...DIFF_ARGS, ...sides], { timeoutMs: DIFF_MS }, (chunk) => parser.push(chunk));
      return parser.result();
    },
    weighDiff,
  );
}

/**
 * GitLab's GET /projects/:id/repository/commits/:sha/diff: a commit's changes against its first parent (as GitLab
 * shows merges), renames detected, binary files marked, bounded by `limits` with the overflow flagged.
 */
export async function commitDiff(repo: string, sha: string, limits: DiffLimits = {}): Promise<DiffResult> {
  const id = await resolveRevision(repo, sha);
  const [commit] = await commitsById(repo, [id]);
  return treeDiff(repo, commit!.parent_ids[0] ?? null, id, limits);
}

/** GitLab's GET /projects/:id/repository/compare (Entities::Compare), less web_url. */
export interface Comparison {
  /** The newest commit of `commits`, or null when there is none. */
  commit: Commit | null;
  /** The commits in `to` and not in `from`, oldest first. */
  commits: Commit[];
  diffs: DiffFile[];
  /** Computing the diff took longer than allowed: `diffs` is empty, as GitLab answers then. */
  compare_timeout: boolean;
  /** Both sides are the same commit. */
  compare_same_ref: boolean;
  /** Files or commits were left out by the limits. */
  overflow: boolean;
}

export interface CompareOptions extends DiffLimits {
  /** Diff `from` against `to` directly rather than their merge base against `to` (GitLab's `straight`). */
  straight?: boolean;
  /** Commits listed, the newest ones; more set `overflow`. */
  maxCommits?: number;
}

async function mergeBase(repo: string, a: string, b: string): Promise<string | null> {
  return objectCache.getOrLoad(
    cacheKey("merge-base", repo, a, b),
    async () => {
      const result = await gitRead(repo, ["merge-base", "--end-of-options", a, b], { timeoutMs: HISTORY_MS, maxBytes: SMALL_OUTPUT, okCodes: [0, 1] });
      return result.code === 0 ? result.stdout.toString().trim() : "";
    },
    () => 100,
  ).then((id) => id || null);
}

/** The commits of `to` not in `from`, oldest first, at most `max` (the newest). */
async function commitsBetween(repo: string, from: string, to: string, max: number): Promise<{ commits: Commit[]; more: boolean }> {
  return objectCache.getOrLoad(
    cacheKey("between", repo, from, to, max),
    async () => {
      const { stdout } = await gitRead(repo, ["log", "-z", COMMIT_FORMAT, `--max-count=${max + 1}`, "--end-of-options", to, `^${from}`, "--"], { timeoutMs: HISTORY_MS, maxBytes: LOG_OUTPUT });
      const commits = parseCommits(stdout);
      for (const commit of commits) objectCache.set(cacheKey("commit", repo, commit.id), commit, weighCommit(commit));
      return { commits: commits.slice(0, max).reverse(), more: commits.length > max };
    },
    (value) => value.commits.reduce((sum, commit) => sum + weighCommit(commit), 100),
  );
}

/**
 * Compares two revisions as GitLab does: the commits in `to` that `from` lacks, and the diff of their merge base (or,
 * `straight`, of `from` itself) against `to`. "404 Ref Not Found" when either names no commit.
 */
export async function compare(repo: string, from: string, to: string, options: CompareOptions = {}): Promise<Comparison> {
  // Both checked before either is looked up: a name that cannot be one starts no git at all.
  if (revisionProblem(from) || revisionProblem(to)) throw notFound("Ref");
  const [fromId, toId] = await Promise.all([resolveCommit(repo, from, "Ref"), resolveCommit(repo, to, "Ref")]);
  if (fromId === toId) return { commit: null, commits: [], diffs: [], compare_timeout: false, compare_same_ref: true, overflow: false };
  const { straight, maxCommits = 1000, ...limits } = options;
  // Unrelated histories have no merge base: the diff is then of the two sides themselves.
  const base = straight ? fromId : ((await mergeBase(repo, fromId, toId)) ?? fromId);
  const between = await commitsBetween(repo, fromId, toId, Math.max(1, maxCommits));
  let diff: DiffResult;
  let timedOut = false;
  try {
    diff = await treeDiff(repo, base, toId, limits);
  } catch (error) {
    if (!(error instanceof GitError && error.reason === "timeout")) throw error;
    timedOut = true;
    diff = { diffs: [], files_changed: 0, overflow: false };
  }
  return {
    commit: between.commits.at(-1) ?? null,
    commits: between.commits,
    diffs: diff.diffs,
    compare_timeout: timedOut,
    compare_same_ref: false,
    overflow: diff.overflow || between.more,
  };
}
