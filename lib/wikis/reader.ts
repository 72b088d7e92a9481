import {
  countPathCommits,
  fileAt,
  GitNotFoundError,
  lastCommitFor,
  lastCommitsForTree,
  listCommits,
  listTree,
  openFile,
  resolveRevision,
  type Commit,
  type RawFile,
} from "@/lib/repositories";
import { isPageFile, normalizeSlug, wikiPage, type WikiPageName } from "./markups";

// Entries read per pass over the wiki's tree (each pass is cached by tree id, see lib/repositories' listTree).
const TREE_PAGE = 1000;
/** Files of a wiki read at most: past it a listing is cut (and says so) rather than growing without bound. */
export const MAX_WIKI_FILES = 20_000;
/** Versions of a page on one page of its history. */
export const HISTORY_PER_PAGE = 20;
// A version id is a commit id, abbreviated or not: never a ref name, never anything git would read as an option.
const VERSION_ID = /^[0-9a-f]{4,64}$/i;

/** A page of the wiki: the file it is, and GitLab's names for it. */
export interface WikiPageEntry extends WikiPageName {
  path: string;
}

/** The commit the wiki's default branch (HEAD) is at; null for a wiki that has no repository or no commit yet. */
export async function wikiHead(repo: string): Promise<string | null> {
  try {
    return await resolveRevision(repo, "HEAD");
  } catch (error) {
    if (error instanceof GitNotFoundError) return null;
    throw error;
  }
}

/** Every file of the wiki at `commit`, by path in byte order; `truncated` when there were more than MAX_WIKI_FILES. */
export async function listWikiFiles(repo: string, commit: string): Promise<{ paths: string[]; truncated: boolean }> {
  const paths: string[] = [];
  let pageToken: string | undefined;
  let truncated = false;
  do {
    const listed = await listTree(repo, { ref: commit, recursive: true, perPage: TREE_PAGE, pageToken });
    for (const item of listed.items) if (item.type === "blob") paths.push(item.path);
    pageToken = listed.next_page_token ?? undefined;
    if (pageToken && paths.length >= MAX_WIKI_FILES) {
      truncated = true;
      break;
    }
  } while (pageToken);
  return { paths: paths.slice(0, MAX_WIKI_FILES).sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b))), truncated };
}

/** The wiki's pages at `commit` (the files whose extension is a markup's), by path. */
export async function listWikiPages(repo: string, commit: string): Promise<{ pages: WikiPageEntry[]; truncated: boolean }> {
  const { paths, truncated } = await listWikiFiles(repo, commit);
  return { pages: paths.filter(isPageFile).map((path) => ({ path, ...wikiPage(path) })), truncated };
}

/** The page a slug names among `pages`: the one with that slug exactly, else (as GitLab matches) ignoring case. */
export function matchPage(pages: readonly WikiPageEntry[], slug: string): WikiPageEntry | null {
  const normalized = normalizeSlug(slug);
  if (normalized === null) return null;
  const lower = normalized.toLowerCase();
  return pages.find((page) => page.slug === normalized) ?? pages.find((page) => page.slug.toLowerCase() === lower) ?? null;
}

/** A page as one version of the wiki holds it. */
export interface WikiPageVersion extends WikiPageEntry {
  /** The commit the page was read at: the wiki's HEAD, or the version asked for. */
  commit: string;
  /** The wiki's HEAD. */
  head: string;
  /** The file's text (front matter included); null when it is binary or larger than `maxBytes`. */
  content: string | null;
  tooLarge: boolean;
  binary: boolean;
  /** The commit that last changed the page as of `commit`: who edited it last, and when. */
  lastCommit: Commit | null;
  /** Whether a newer version of the page exists (an old version was asked for). */
  historical: boolean;
}

export interface FindPageOptions {
  /** A commit id (GitLab's `version_id` / `version`): the page as that commit left it. */
  version?: string;
  /** The content is read up to this; a larger page has none. */
  maxBytes: number;
}

/**
 * The page `slug` names, read at the wiki's HEAD or at `version`; null when the wiki has no such page then, the version
 * is no commit of the wiki, or the slug can name nothing. Reads are bounded: the tree listing by MAX_WIKI_FILES, the
 * content by `maxBytes`, every git run by lib/repositories' timeouts.
 */
export async function findWikiPage(repo: string, slug: string, options: FindPageOptions): Promise<WikiPageVersion | null> {
  const head = await wikiHead(repo);
  if (!head) return null;
  let commit = head;
  if (options.version !== undefined) {
    if (!VERSION_ID.test(options.version)) return null;
    try {
      commit = await resolveRevision(repo, options.version);
    } catch (error) {
      if (error instanceof GitNotFoundError) return null;
      throw error;
    }
  }
  const page = matchPage((await listWikiPages(repo, commit)).pages, slug);
  if (!page) return null;
  const [file, lastCommit, latest] = await Promise.all([
    fileAt(repo, commit, page.path, { maxBytes: options.maxBytes }),
    lastCommitFor(repo, commit, page.path),
    commit === head ? null : lastCommitFor(repo, head, page.path),
  ]);
  return {
    ...page,
    commit,
    head,
    content: file.content,
    tooLarge: file.tooLarge,
    binary: file.binary,
    lastCommit,
    historical: commit !== head && latest?.id !== lastCommit?.id,
  };
}

export interface WikiHistoryPage {
  commits: Commit[];
  /** How many versions the page has in all (the newest is `v<total>`). */
  total: number;
  hasMore: boolean;
}

/** A page of the versions of a page (`git log` of its file from HEAD), newest first, HISTORY_PER_PAGE at a time. */
export async function wikiPageHistory(repo: string, head: string, path: string, page = 1): Promise<WikiHistoryPage> {
  const [listed, total] = await Promise.all([listCommits(repo, { ref: head, path, page, perPage: HISTORY_PER_PAGE }), countPathCommits(repo, head, path)]);
  return { commits: listed.commits, total, hasMore: listed.hasMore };
}

/**
 * The commit that last changed each of `paths` as of `commit`: one history walk per directory (lib/repositories'
 * lastCommitsForTree, bounded), not one per page.
 */
export async function lastChanges(repo: string, commit: string, paths: readonly string[]): Promise<Map<string, Commit>> {
  const byDirectory = new Map<string, string[]>();
  for (const path of paths) {
    const slash = path.lastIndexOf("/");
    const directory = slash < 0 ? "" : path.slice(0, slash);
    byDirectory.set(directory, [...(byDirectory.get(directory) ?? []), path.slice(slash + 1)]);
  }
  const found = new Map<string, Commit>();
  for (const [directory, names] of byDirectory) {
    const commits = await lastCommitsForTree(repo, commit, directory, names);
    for (const [name, last] of commits) found.set(directory ? `${directory}/${name}` : name, last);
  }
  return found;
}

/** A file of the wiki at HEAD, streamed as it is (an image a page shows); null when the wiki has no such file. */
export async function openWikiFile(repo: string, path: string, options: { signal?: AbortSignal } = {}): Promise<RawFile | null> {
  const head = await wikiHead(repo);
  if (!head) return null;
  try {
    return await openFile(repo, head, path, options);
  } catch (error) {
    if (error instanceof GitNotFoundError) return null;
    throw error;
  }
}

/** Whether the wiki has a file at `path` at HEAD (a page's address that names an attachment instead). */
export async function wikiFileExists(repo: string, head: string, path: string): Promise<boolean> {
  try {
    await fileAt(repo, head, path, { maxBytes: 0 });
    return true;
  } catch (error) {
    if (error instanceof GitNotFoundError) return false;
    throw error;
  }
}
