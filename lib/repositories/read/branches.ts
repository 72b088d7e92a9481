import { refNameProblem } from "../refs";
import type { Commit } from "./commit-format";
import { commitsById } from "./commits";
import { GitNotFoundError, notFound } from "./errors";
import { gitRead } from "./git-read";
import { HISTORY_MS, QUICK_MS } from "./limits";
import { cacheKey, objectCache } from "./object-cache";
import { mapLimit, nameSearch, refRows, type RefRow } from "./ref-rows";
import { resolveCommit } from "./resolve";

/** GitLab's Entities::Branch, less what is Ferry's database's (protection, permissions, web_url). */
export interface Branch {
  name: string;
  commit: Commit;
  /** Merged into the default branch. */
  merged: boolean;
  default: boolean;
}

export interface ListBranchesOptions {
  /** GitLab's search: `^prefix`, `suffix$`, or a substring; any case. */
  search?: string;
  /** GitLab's sort; by name by default. */
  sort?: "name_asc" | "updated_asc" | "updated_desc";
  page?: number;
  perPage?: number;
}

export interface BranchPage {
  branches: Branch[];
  /** Branches matching the search, over all pages. */
  total: number;
}

const SORTS = { name_asc: "refname", updated_asc: "committerdate", updated_desc: "-committerdate" } as const;

/** The default branch's commit, or null while it has none. */
async function headCommit(repo: string): Promise<string | null> {
  try {
    return await resolveCommit(repo, "HEAD", "Commit");
  } catch (error) {
    if (error instanceof GitNotFoundError) return null;
    throw error;
  }
}

/**
 * Which of `rows` are merged as GitLab means it: contained in the default branch but not at its very commit (so the
 * default branch itself is not). That depends on two commit ids only, so it is cached by them; the rest are asked of
 * one `for-each-ref --merged --no-contains` over the page's branches, since without a commit graph each such question
 * walks the history.
 */
async function mergedNames(repo: string, rows: readonly RefRow[]): Promise<Set<string>> {
  const head = rows.length === 0 ? null : await headCommit(repo);
  if (!head) return new Set();
  const key = (row: RefRow) => cacheKey("merged", repo, head, row.id);
  const known = new Map(rows.map((row) => [row, objectCache.get<boolean>(key(row))]));
  const unknown = rows.filter((row) => known.get(row) === undefined);
  if (unknown.length > 0) {
    const args = ["for-each-ref", `--merged=${head}`, `--no-contains=${head}`, "--format=%(refname)", "--end-of-options", ...unknown.map((row) => `refs/heads/${row.name}`)];
    const { stdout } = await gitRead(repo, args, { timeoutMs: HISTORY_MS, maxBytes: unknown.length * 1024 });
    const merged = new Set(stdout.toString("utf8").split("\n"));
    for (const row of unknown) {
      known.set(row, merged.has(`refs/heads/${row.name}`));
      objectCache.set(key(row), known.get(row), 0);
    }
  }
  return new Set(rows.filter((row) => known.get(row)).map((row) => row.name));
}

async function branchesOf(repo: string, rows: RefRow[]): Promise<Branch[]> {
  const commitRows = rows.filter((row) => row.type === "commit");
  const [commits, merged] = await Promise.all([commitsById(repo, commitRows.map((row) => row.id)), mergedNames(repo, commitRows)]);
  return commitRows.map((row, index) => ({ name: row.name, commit: commits[index]!, merged: merged.has(row.name), default: row.head }));
}

/** A page of GitLab's GET /projects/:id/repository/branches. */
export async function listBranches(repo: string, options: ListBranchesOptions = {}): Promise<BranchPage> {
  const perPage = Math.max(1, options.perPage ?? 20);
  const offset = (Math.max(1, options.page ?? 1) - 1) * perPage;
  const { rows, total } = await refRows(repo, "refs/heads/", { sort: SORTS[options.sort ?? "name_asc"], filter: nameSearch(options.search), offset, limit: perPage });
  return { branches: await branchesOf(repo, rows), total };
}

/** One branch (GET /projects/:id/repository/branches/:branch); "404 Branch Not Found" when there is none. */
export async function branch(repo: string, name: string): Promise<Branch> {
  if (refNameProblem(name)) throw notFound("Branch");
  const { rows } = await refRows(repo, "refs/heads/", { sort: "refname", names: [name] });
  const [found] = await branchesOf(repo, rows);
  if (!found) throw notFound("Branch");
  return found;
}

export interface Divergence {
  name: string;
  /** Commits of the branch that the base lacks. */
  ahead: number;
  /** Commits of the base that the branch lacks. */
  behind: number;
}

/**
 * How far each branch of a page is ahead of and behind `base` (a branch, tag or commit): one
 * `rev-list --left-right --count` per branch, cached by the two commit ids. Branches that do not exist are left out;
 * an unknown base is "404 Ref Not Found".
 */
export async function aheadBehind(repo: string, base: string, branches: readonly string[]): Promise<Divergence[]> {
  const baseId = await resolveCommit(repo, base, "Ref");
  const names = branches.filter((name) => !refNameProblem(name));
  const { rows } = await refRows(repo, "refs/heads/", { sort: "refname", names });
  const byName = new Map(rows.filter((row) => row.type === "commit").map((row) => [row.name, row.id]));
  const present = branches.filter((name) => byName.has(name));
  return mapLimit(present, 2, async (name) => {
    const id = byName.get(name)!;
    const counts = await objectCache.getOrLoad(
      cacheKey("ahead-behind", repo, baseId, id),
      async () => {
        const { stdout } = await gitRead(repo, ["rev-list", "--left-right", "--count", "--end-of-options", `${baseId}...${id}`, "--"], { timeoutMs: QUICK_MS + HISTORY_MS, maxBytes: 1024 });
        const [behind, ahead] = stdout.toString().trim().split(/\s+/).map(Number);
        return { ahead: ahead ?? 0, behind: behind ?? 0 };
      },
      () => 100,
    );
    return { name, ...counts };
  });
}
