import { Readable } from "node:stream";
import { defaultBranch, fileAt, isEmptyRepository, listTree, openFile, repositoryExists, repositoryPath, resolveRevision, GitNotFoundError, type FileView, type RawFile } from "@/lib/repositories";
import type { Snippet } from "./queries";

/** GitLab's Snippet.max_file_limit: what a snippet repository may hold, and what a page lists. */
export const MAX_SNIPPET_FILES = 10;

export interface SnippetFile {
  path: string;
  size: number | null;
}

/**
 * A snippet's files: those of its repository's default branch when it has one with commits, else the legacy single
 * file (`file_name`, `content`), as GitLab shows a snippet that never got a repository. `ref` is the branch read, null
 * for the legacy file.
 */
export interface SnippetFiles {
  ref: string | null;
  /** The commit the files were read at (pages read each file at the same one). */
  commit: string | null;
  files: SnippetFile[];
}

/** The snippet's repository on disk, when it has one with a branch. */
export async function snippetRepository(snippetId: number): Promise<string | null> {
  if (!(await repositoryExists(snippetId, "snippet"))) return null;
  const repo = repositoryPath(snippetId, "snippet");
  return (await isEmptyRepository(repo)) ? null : repo;
}

const legacyFile = (snippet: Snippet): SnippetFile => ({ path: snippet.fileName, size: Buffer.byteLength(snippet.content) });

export async function snippetFiles(snippet: Snippet): Promise<SnippetFiles> {
  const repo = await snippetRepository(snippet.id);
  const ref = repo ? await defaultBranch(repo) : null;
  if (!repo || !ref) return { ref: null, commit: null, files: [legacyFile(snippet)] };
  const commit = await resolveRevision(repo, ref);
  const tree = await listTree(repo, { ref: commit, recursive: true, perPage: 100 });
  const blobs = tree.items.filter((item) => item.type === "blob").slice(0, MAX_SNIPPET_FILES);
  return { ref, commit, files: blobs.map((item) => ({ path: item.path, size: null })) };
}

/** One file for the snippet page: the repository's at `commit`, or the legacy content. */
export async function snippetFileView(snippet: Snippet, commit: string | null, path: string, maxBytes: number): Promise<FileView> {
  const repo = commit ? await snippetRepository(snippet.id) : null;
  if (repo && commit) return fileAt(repo, commit, path, { maxBytes });
  const size = Buffer.byteLength(snippet.content);
  const name = snippet.fileName.slice(snippet.fileName.lastIndexOf("/") + 1);
  const tooLarge = size > maxBytes;
  return { id: "", path: snippet.fileName, name, size, mode: "100644", executable: false, symlink: false, binary: false, content: tooLarge ? null : snippet.content, tooLarge };
}

/**
 * A file's bytes for the raw addresses: `ref` and `path` in the repository (404 when either is missing), or, with
 * neither, the snippet's first file (GitLab's `/snippets/:id/raw`), the legacy content when it has no repository.
 */
export async function openSnippetFile(snippet: Snippet, at?: { ref: string; path: string }, signal?: AbortSignal): Promise<RawFile> {
  const repo = await snippetRepository(snippet.id);
  if (!repo) {
    if (at && at.path !== snippet.fileName) throw new GitNotFoundError("File");
    const data = Buffer.from(snippet.content);
    return { name: snippet.fileName || "snippet", size: data.length, binary: false, stream: Readable.from([data]) };
  }
  if (at) return openFile(repo, await resolveRevision(repo, at.ref), at.path, { signal });
  const { commit, files } = await snippetFiles(snippet);
  if (!commit || files.length === 0) throw new GitNotFoundError("File");
  return openFile(repo, commit, files[0]!.path, { signal });
}
