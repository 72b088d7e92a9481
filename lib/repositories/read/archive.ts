import type { Readable } from "node:stream";
import { filePathProblem } from "../refs";
import { gitStream } from "./git-read";
import { STREAM_MS } from "./limits";
import { notFound } from "./errors";
import { resolveCommit } from "./resolve";
import { entryAt } from "./tree-entry";

export type ArchiveFormat = "tar.gz" | "tar.bz2" | "tar" | "zip";

const FORMATS: readonly ArchiveFormat[] = ["tar.gz", "tar.bz2", "tar", "zip"];

// git archive writes tar.gz and zip itself; bzip2 is a filter it runs, as Workhorse pipes GitLab's tar.bz2 archives
// through `bzip2 -c`. A constant: nothing a client sends reaches this command line.
const FILTERS = { "tar.tar.bz2.command": "bzip2 -c" } as const;

export interface ArchiveOptions {
  /** Only this folder or file of the tree (GitLab's `path`), kept at its place under the prefix. */
  path?: string;
  signal?: AbortSignal;
}

/**
 * A commit's tree as an archive, streamed from `git archive` as the client reads it (GitLab's
 * /repository/archive). Every entry is under `prefix/` (GitLab's `<project>-<ref>-<sha>`). An unknown revision, or a
 * `path` that is not in its tree, is "404 File Not Found", as GitLab answers; aborting `signal` or destroying the
 * stream stops git.
 */
export async function streamArchive(repo: string, sha: string, format: ArchiveFormat, prefix: string, options: ArchiveOptions = {}): Promise<Readable> {
  if (!FORMATS.includes(format)) throw new Error(`Not an archive format: ${format}`);
  const directory = prefix.replace(/\/+$/, "");
  if (filePathProblem(directory)) throw new Error(`Not an archive prefix: ${JSON.stringify(prefix)}`);
  const commit = await resolveCommit(repo, sha, "File");
  const only = options.path?.replace(/\/+$/, "");
  if (only !== undefined) {
    if (filePathProblem(only)) throw notFound("File");
    // Checked first: git archive would fail only once the response has begun.
    if (!(await entryAt(repo, commit, only))) throw notFound("File");
  }
  // The prefix is part of its option's argument; the commit id and the path come after --end-of-options (git archive
  // takes no `--`), the path read literally (GIT_LITERAL_PATHSPECS).
  const args = ["archive", `--format=${format}`, `--prefix=${directory}/`, "--end-of-options", commit, ...(only !== undefined ? [only] : [])];
  return gitStream(repo, args, { timeoutMs: STREAM_MS, signal: options.signal, config: FILTERS });
}
