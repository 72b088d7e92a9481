import { filePathProblem } from "../refs";
import { notFound } from "./errors";
import { gitRecords } from "./git-read";
import { DIFF_MS, MAX_TREE_ENTRIES } from "./limits";
import { cacheKey, objectCache } from "./object-cache";
import { resolveCommit } from "./resolve";
import { entryAt, parseTreeEntry, rootTree, type EntryType, type TreeEntry } from "./tree-entry";

/** An item of GitLab's /repository/tree (Entities::TreeObject). */
export interface TreeItem {
  id: string;
  name: string;
  type: EntryType;
  path: string;
  mode: string;
}

export interface TreeOptions {
  /** A branch, tag or commit id; HEAD (the default branch) when absent. */
  ref?: string;
  /** A directory; the root when absent or empty. */
  path?: string;
  recursive?: boolean;
  /** Offset pagination, from 1. */
  page?: number;
  perPage?: number;
  /** Keyset pagination: the `next_page_token` of the previous page (the path of its last item); wins over `page`. */
  pageToken?: string;
}

export interface TreePage {
  items: TreeItem[];
  /** How many items the whole listing has. */
  total: number;
  /** Where the next page starts, or null on the last page. */
  next_page_token: string | null;
}

// Listings up to this many entries are read once and cached by tree id; larger ones are streamed for each page.
const CACHEABLE_ENTRIES = 20_000;
const TYPE_ORDER: readonly EntryType[] = ["tree", "blob", "commit"];

const lsTreeArgs = (treeId: string, recursive: boolean, treesOnly = false) => [
  "ls-tree",
  "-z",
  ...(recursive ? ["-r", "-t"] : []),
  ...(treesOnly ? ["-d"] : []),
  "--end-of-options",
  treeId,
];

/**
 * A whole listing in GitLab's order (trees, then blobs, then submodules, each in git's order), cached by tree id;
 * null when it has more than CACHEABLE_ENTRIES entries.
 */
async function smallListing(repo: string, treeId: string, recursive: boolean): Promise<TreeEntry[] | null> {
  const key = cacheKey("tree", repo, treeId, recursive);
  const cached = objectCache.get<TreeEntry[] | "large">(key);
  if (cached) return cached === "large" ? null : cached;
  const entries: TreeEntry[] = [];
  let bytes = 0;
  const stopped = await gitRecords(repo, lsTreeArgs(treeId, recursive), { separator: 0, timeoutMs: DIFF_MS }, (record) => {
    if (entries.length === CACHEABLE_ENTRIES) return "stop";
    bytes += record.length;
    entries.push(parseTreeEntry(record));
    return "more";
  });
  if (stopped) {
    objectCache.set(key, "large", 0);
    return null;
  }
  const ordered = TYPE_ORDER.flatMap((type) => entries.filter((entry) => entry.type === type));
  objectCache.set(key, ordered, 2 * bytes + 100 * entries.length);
  return ordered;
}

interface Window {
  offset?: number;
  after?: string;
  limit: number;
}

interface Selection {
  entries: TreeEntry[];
  total: number;
  hasMore: boolean;
}

/** Picks a page out of entries visited in order, counting them all. */
function selector(window: Window) {
  const selection: Selection = { entries: [], total: 0, hasMore: false };
  let start = window.after === undefined ? (window.offset ?? 0) : Infinity;
  const visit = (entry: TreeEntry) => {
    const index = selection.total++;
    if (selection.total > MAX_TREE_ENTRIES) throw new Error(`The tree has more than ${MAX_TREE_ENTRIES} entries.`);
    if (index >= start) {
      if (selection.entries.length < window.limit) selection.entries.push(entry);
      else selection.hasMore = true;
    }
    if (window.after !== undefined && start === Infinity && entry.path === window.after) start = index + 1;
  };
  return { selection, visit };
}

/** A page of a listing too large to cache: one streamed pass per type, in GitLab's order, keeping only the page. */
async function largeListingPage(repo: string, treeId: string, recursive: boolean, window: Window): Promise<Selection> {
  const { selection, visit } = selector(window);
  for (const type of TYPE_ORDER) {
    await gitRecords(repo, lsTreeArgs(treeId, recursive, type === "tree"), { separator: 0, timeoutMs: DIFF_MS }, (record) => {
      const entry = parseTreeEntry(record);
      if (entry.type === type) visit(entry);
      return "more";
    });
  }
  return selection;
}

/** The id of the tree at `path` in `commit`; GitLab's 404 when the path is missing or not a directory. */
async function treeAt(repo: string, commit: string, path: string): Promise<string> {
  if (path === "") return rootTree(repo, commit);
  const entry = await entryAt(repo, commit, path);
  if (!entry || entry.type !== "tree") throw notFound("invalid revision or path");
  return entry.id;
}

/**
 * GitLab's GET /projects/:id/repository/tree: the items of a directory (or, recursively, of everything below it) at a
 * ref. An unknown ref is "404 Tree Not Found"; a path that is missing or not a directory is "404 invalid revision or
 * path Not Found", as GitLab answers.
 */
export async function listTree(repo: string, options: TreeOptions = {}): Promise<TreePage> {
  const commit = await resolveCommit(repo, options.ref ?? "HEAD", "Tree");
  const path = options.path ?? "";
  if (path !== "" && filePathProblem(path)) throw notFound("invalid revision or path");
  const treeId = await treeAt(repo, commit, path);
  const recursive = options.recursive ?? false;
  const perPage = Math.max(1, options.perPage ?? 20);
  // Tokens are paths relative to the listed tree, as the entries are kept.
  const window: Window =
    options.pageToken !== undefined
      ? { after: path && options.pageToken.startsWith(`${path}/`) ? options.pageToken.slice(path.length + 1) : options.pageToken, limit: perPage }
      : { offset: (Math.max(1, options.page ?? 1) - 1) * perPage, limit: perPage };

  let selection: Selection;
  const all = await smallListing(repo, treeId, recursive);
  if (all) {
    const { selection: picked, visit } = selector(window);
    for (const entry of all) visit(entry);
    selection = picked;
  } else {
    selection = await largeListingPage(repo, treeId, recursive, window);
  }

  const items = selection.entries.map((entry): TreeItem => {
    const fullPath = path ? `${path}/${entry.path}` : entry.path;
    return { id: entry.id, name: entry.path.slice(entry.path.lastIndexOf("/") + 1), type: entry.type, path: fullPath, mode: entry.mode };
  });
  return { items, total: selection.total, next_page_token: selection.hasMore && items.length > 0 ? items.at(-1)!.path : null };
}
