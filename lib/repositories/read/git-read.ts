import { Readable } from "node:stream";
import { GitError, runGit, spawnGit, type GitProcess, type GitResult } from "../git-process";
import { notFound } from "./errors";

// Every read of a repository goes through here: git on the repository's path with the same environment, a timeout and
// a bound on what it prints.
//
// GIT_LITERAL_PATHSPECS: a path a user names is a file name, never `:(glob)**` or `*` magic.
// GIT_NO_REPLACE_OBJECTS: refs/replace/* pushed to a repository would make an object id show another object's content,
// which would make caching by object id wrong and let a push rewrite what history pages show.
const READ_ENV = { GIT_LITERAL_PATHSPECS: "1", GIT_NO_REPLACE_OBJECTS: "1" } as const;

export interface GitReadOptions {
  timeoutMs: number;
  maxBytes: number;
  okCodes?: readonly number[];
  input?: string;
}

/** A repository path that is not (or no longer) a repository is GitLab's "404 Repository Not Found". */
function missingRepository(error: unknown): unknown {
  if (error instanceof GitError && error.reason === "exit" && /not a git repository/i.test(error.stderr)) return notFound("Repository");
  return error;
}

/** Runs git on `repo` and gives its whole (bounded) output. */
export async function gitRead(repo: string, args: readonly string[], options: GitReadOptions): Promise<GitResult> {
  try {
    return await runGit(args, { gitDir: repo, env: READ_ENV, timeoutMs: options.timeoutMs, maxStdoutBytes: options.maxBytes, okCodes: options.okCodes, input: options.input });
  } catch (error) {
    throw missingRepository(error);
  }
}

export interface GitSpawnOptions {
  timeoutMs: number;
  signal?: AbortSignal;
  /** `-c name=value` settings for this run (an archive filter). */
  config?: Readonly<Record<string, string>>;
}

/** Starts git on `repo` for output read as a stream. */
export function gitSpawn(repo: string, args: readonly string[], options: GitSpawnOptions): GitProcess {
  return spawnGit(args, { gitDir: repo, env: READ_ENV, timeoutMs: options.timeoutMs, signal: options.signal, config: options.config });
}

/**
 * git's whole output as a Readable that a client reads at its own pace (a raw blob, an archive): git is stopped when
 * the reader goes away before the end.
 */
export function gitStream(repo: string, args: readonly string[], options: GitSpawnOptions): Readable {
  const git = gitSpawn(repo, args, options);
  git.stdin.end();
  async function* output() {
    let complete = false;
    try {
      yield* git.stdout as AsyncIterable<Buffer>;
      await git.done;
      complete = true;
    } finally {
      if (!complete) git.kill();
    }
  }
  return Readable.from(output(), { objectMode: false });
}

/** What to do after a piece of output: go on reading, or stop git because enough has been read. */
export type RecordVerdict = "more" | "stop";

export interface StreamReadOptions {
  timeoutMs: number;
  input?: string;
}

/**
 * Streams git's output to `onChunk` without keeping it; a reader that has what it needs stops git early. Resolves
 * true when it stopped git, false when git ended by itself.
 */
export async function gitChunks(repo: string, args: readonly string[], options: StreamReadOptions, onChunk: (chunk: Buffer) => RecordVerdict): Promise<boolean> {
  const git = gitSpawn(repo, args, options);
  git.stdin.end(options.input);
  let stopped = false;
  try {
    for await (const chunk of git.stdout as AsyncIterable<Buffer>) {
      if (onChunk(chunk) === "stop") {
        // Stopped before the loop is left: leaving destroys git's stdout, and a git killed by that SIGPIPE would look
        // like a failure of git's own.
        stopped = true;
        git.kill();
        break;
      }
    }
  } catch (error) {
    git.kill();
    await git.done.catch(() => undefined);
    throw missingRepository(error);
  }
  try {
    await git.done;
  } catch (error) {
    // Stopped on purpose: only a failure git reported by itself before that matters.
    if (!(stopped && error instanceof GitError && error.reason === "aborted")) throw missingRepository(error);
  }
  return stopped;
}

export interface RecordReadOptions extends StreamReadOptions {
  /** The byte that ends each record: 0 for `-z` output, 10 for lines. */
  separator: number;
  /** Past this a single record is refused: a line of a listing is never this long. */
  maxRecordBytes?: number;
}

const MAX_RECORD_BYTES = 1024 * 1024;

/** Streams git's output record by record to `onRecord`: listings of any length take constant memory. */
export async function gitRecords(repo: string, args: readonly string[], options: RecordReadOptions, onRecord: (record: Buffer) => RecordVerdict): Promise<boolean> {
  const limit = options.maxRecordBytes ?? MAX_RECORD_BYTES;
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  const stopped = await gitChunks(repo, args, options, (chunk) => {
    let start = 0;
    let end: number;
    while ((end = chunk.indexOf(options.separator, start)) !== -1) {
      const piece = chunk.subarray(start, end);
      const record = pendingBytes === 0 ? piece : Buffer.concat([...pending, piece]);
      pending = [];
      pendingBytes = 0;
      start = end + 1;
      if (onRecord(record) === "stop") return "stop";
    }
    if (start < chunk.length) {
      pending.push(chunk.subarray(start));
      pendingBytes += chunk.length - start;
      if (pendingBytes > limit) throw new GitError(`git ${args[0]} printed a record longer than ${limit} bytes`, "output-limit", null, "");
    }
    return "more";
  });
  if (!stopped && pendingBytes > 0) return onRecord(Buffer.concat(pending)) === "stop";
  return stopped;
}
