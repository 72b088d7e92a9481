import { filePathProblem } from "../refs";
import { COMMIT_FORMAT, parseCommits, weighCommit, type Commit } from "./commit-format";
import { GitNotFoundError } from "./errors";
import { gitRead } from "./git-read";
import { HISTORY_MS, LOG_OUTPUT, QUICK_MS, SMALL_OUTPUT } from "./limits";
import { cacheKey, objectCache } from "./object-cache";
import { resolveCommit } from "./resolve";

export interface ListCommitsOptions {
  /** A branch, tag or commit id; HEAD (the default branch) when absent. Ignored with `all`. */
  ref?: string;
  /** Only commits that changed this file or directory. */
  path?: string;
  since?: Date;
  until?: Date;
  /** Commits of every ref. */
  all?: boolean;
  firstParent?: boolean;
  /** git's --author: a pattern matched against "name <email>". */
  author?: string;
  /** "topo": GitLab's order=topo (no parent before all its children). */
  order?: "default" | "topo";
  /** From 1. */
  page?: number;
  perPage?: number;
  /** Also count all the commits of the listing, when that is cheap: a ref alone, without filters. */
  withTotal?: boolean;
}

export interface CommitPage {
  commits: Commit[];
  /** Whether there is a next page (one more commit than a page was asked of git). */
  hasMore: boolean;
  /** With `withTotal`, when it was cheap to know. */
  total?: number;
}

const MAX_AUTHOR_CHARS = 1000;

/** Commits by id, from the cache or one `git log --no-walk` for those it lacks; in the order asked. */
export async function commitsById(repo: string, ids: readonly string[]): Promise<Commit[]> {
  const found = new Map<string, Commit>();
  const missing: string[] = [];
  for (const id of new Set(ids)) {
    const cached = objectCache.get<Commit>(cacheKey("commit", repo, id));
    if (cached) found.set(id, cached);
    else missing.push(id);
  }
  if (missing.length > 0) {
    const { stdout } = await gitRead(repo, ["log", "--no-walk=unsorted", "-z", COMMIT_FORMAT, "--end-of-options", ...missing, "--"], { timeoutMs: QUICK_MS, maxBytes: LOG_OUTPUT });
    for (const commit of parseCommits(stdout)) {
      objectCache.set(cacheKey("commit", repo, commit.id), commit, weighCommit(commit));
      found.set(commit.id, commit);
    }
  }
  return ids.map((id) => {
    const commit = found.get(id);
    if (!commit) throw new Error(`git did not print commit ${id}`);
    return commit;
  });
}

/** How many commits `commit` reaches; cached, since that never changes. */
export async function countCommits(repo: string, commit: string, timeoutMs = HISTORY_MS): Promise<number> {
  return objectCache.getOrLoad(
    cacheKey("commit-count", repo, commit),
    async () => Number((await gitRead(repo, ["rev-list", "--count", "--end-of-options", commit, "--"], { timeoutMs, maxBytes: SMALL_OUTPUT })).stdout.toString().trim()),
    () => 50,
  );
}

/** How many commits reachable from `commit` changed `path`: GitLab's count of a wiki page's versions. Cached by commit. */
export async function countPathCommits(repo: string, commit: string, path: string): Promise<number> {
  if (filePathProblem(path)) return 0;
  return objectCache.getOrLoad(
    cacheKey("path-commit-count", repo, commit, path),
    async () => Number((await gitRead(repo, ["rev-list", "--count", "--end-of-options", commit, "--", path], { timeoutMs: HISTORY_MS, maxBytes: SMALL_OUTPUT })).stdout.toString().trim()),
    () => 50 + 2 * path.length,
  );
}

/**
 * A page of GitLab's GET /projects/:id/repository/commits. git does the paging (--skip, --max-count of one more than
 * a page), so nothing reads more history than the page needs. As GitLab, an unknown ref (or a name that cannot be one,
 * or a path that cannot exist) lists nothing rather than failing.
 */
export async function listCommits(repo: string, options: ListCommitsOptions = {}): Promise<CommitPage> {
  const none: CommitPage = options.withTotal ? { commits: [], hasMore: false, total: 0 } : { commits: [], hasMore: false };
  if (options.path !== undefined && options.path !== "" && filePathProblem(options.path)) return none;
  if (options.author !== undefined && (options.author.includes("\0") || options.author.length > MAX_AUTHOR_CHARS)) return none;
  let start: string | undefined;
  if (!options.all) {
    try {
      start = await resolveCommit(repo, options.ref ?? "HEAD", "Commit");
    } catch (error) {
      if (error instanceof GitNotFoundError && error.what === "Commit") return none;
      throw error;
    }
  }
  const perPage = Math.max(1, options.perPage ?? 20);
  const offset = (Math.max(1, options.page ?? 1) - 1) * perPage;
  const args = [
    "log",
    "-z",
    COMMIT_FORMAT,
    `--skip=${offset}`,
    `--max-count=${perPage + 1}`,
    ...(options.firstParent ? ["--first-parent"] : []),
    ...(options.order === "topo" ? ["--topo-order"] : []),
    ...(options.since ? [`--since=${options.since.toISOString()}`] : []),
    ...(options.until ? [`--until=${options.until.toISOString()}`] : []),
    // One argument: whatever the pattern holds, it is the option's value.
    ...(options.author ? [`--author=${options.author}`] : []),
    ...(options.all ? ["--all"] : []),
    "--end-of-options",
    ...(start ? [start] : []),
    "--",
    ...(options.path ? [options.path] : []),
  ];
  const read = async () => {
    const { stdout } = await gitRead(repo, args, { timeoutMs: HISTORY_MS, maxBytes: LOG_OUTPUT });
    const commits = parseCommits(stdout);
    for (const commit of commits) objectCache.set(cacheKey("commit", repo, commit.id), commit, weighCommit(commit));
    return commits.map((commit) => commit.id);
  };
  // From a given commit the history never changes, so a page is cached by its arguments (the commit id among them),
  // as ids: the commits themselves are cached on their own. `all` starts from refs, which move.
  const pageIds = options.all ? await read() : await objectCache.getOrLoad(cacheKey("log", repo, ...args), read, (list) => 100 + 82 * list.length);
  const commits = await commitsById(repo, pageIds);
  const page: CommitPage = { commits: commits.slice(0, perPage), hasMore: commits.length > perPage };
  const simple = !options.path && !options.since && !options.until && !options.all && !options.firstParent && !options.author;
  if (options.withTotal && start && simple) page.total = await countCommits(repo, start);
  return page;
}

/** The commit that last changed `path` (a file or directory) as of `ref`, or null when none did; cached by commit. */
export async function lastCommitFor(repo: string, ref: string, path: string): Promise<Commit | null> {
  const commit = await resolveCommit(repo, ref, "Commit");
  if (path === "") return (await commitsById(repo, [commit]))[0]!;
  if (filePathProblem(path)) return null;
  const id = await objectCache.getOrLoad(
    cacheKey("last-commit", repo, commit, path),
    async () => {
      const { stdout } = await gitRead(repo, ["log", "-1", "-z", COMMIT_FORMAT, "--end-of-options", commit, "--", path], { timeoutMs: HISTORY_MS, maxBytes: LOG_OUTPUT });
      const [found] = parseCommits(stdout);
      if (found) objectCache.set(cacheKey("commit", repo, found.id), found, weighCommit(found));
      return found?.id ?? "";
    },
    () => 100 + 2 * path.length,
  );
  return id ? (await commitsById(repo, [id]))[0]! : null;
}
