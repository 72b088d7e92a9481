import { nameSearch, refRows } from "./ref-rows";
import { defaultBranch } from "./resolve";

export interface RefNames {
  /** Branch names, the default branch first, then by name. */
  branches: string[];
  /** Tag names, newest first. */
  tags: string[];
  /** Branches and tags matching the search, over all of them. */
  branchTotal: number;
  tagTotal: number;
}

/**
 * The names of a repository's branches and tags matching a search (GitLab's: `^prefix`, `suffix$` or a substring, any
 * case), at most `limit` of each, for a ref switcher: two streamed for-each-ref runs, no commit read.
 */
export async function refNames(repo: string, options: { search?: string; limit?: number } = {}): Promise<RefNames> {
  const limit = Math.max(1, options.limit ?? 20);
  const filter = nameSearch(options.search?.trim() || undefined);
  // All matching refs are counted, only `limit` of each kept.
  const [heads, tags, head] = await Promise.all([
    refRows(repo, "refs/heads/", { sort: "refname", filter, limit }),
    refRows(repo, "refs/tags/", { sort: "-creatordate", filter, limit }),
    defaultBranch(repo),
  ]);
  const names = heads.rows.map((row) => row.name);
  const first = head !== null && (names.includes(head) || (filter?.(head) ?? true)) && heads.total > 0 ? [head] : [];
  const branches = [...first, ...names.filter((name) => name !== head)].slice(0, limit);
  return { branches, tags: tags.rows.map((row) => row.name), branchTotal: heads.total, tagTotal: tags.total };
}
