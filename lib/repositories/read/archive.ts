import type { Readable } from "node:stream";
import { filePathProblem } from "../refs";
import { gitStream } from "./git-read";
import { STREAM_MS } from "./limits";
import { resolveCommit } from "./resolve";

export type ArchiveFormat = "tar.gz" | "tar" | "zip";

const FORMATS: readonly ArchiveFormat[] = ["tar.gz", "tar", "zip"];

/**
 * A commit's tree as an archive, streamed from `git archive` as the client reads it (GitLab's
 * /repository/archive). Every entry is under `prefix/` (GitLab's `<project>-<ref>-<sha>`). An unknown revision is
 * "404 File Not Found", as GitLab answers; aborting `signal` or destroying the stream stops git.
 */
export async function streamArchive(repo: string, sha: string, format: ArchiveFormat, prefix: string, options: { signal?: AbortSignal } = {}): Promise<Readable> {
  if (!FORMATS.includes(format)) throw new Error(`Not an archive format: ${format}`);
  const directory = prefix.replace(/\/+$/, "");
  if (filePathProblem(directory)) throw new Error(`Not an archive prefix: ${JSON.stringify(prefix)}`);
  const commit = await resolveCommit(repo, sha, "File");
  // The prefix is part of its option's argument; the commit id comes after --end-of-options.
  return gitStream(repo, ["archive", `--format=${format}`, `--prefix=${directory}/`, "--end-of-options", commit], { timeoutMs: STREAM_MS, signal: options.signal });
}
