import { createHash } from "node:crypto";
import { Readable } from "node:stream";
import { GitError } from "../git-process";
import { gitSpawn } from "./git-read";
import { QUICK_MS, STREAM_MS } from "./limits";

export interface ObjectHead {
  /** The full object id. */
  id: string;
  type: string;
  size: number;
  /** The first min(size, wanted) bytes of the object's content. */
  head: Buffer;
}

const HEADER_LIMIT = 1024;

/**
 * An object's type, size and first bytes, from one `git cat-file --batch` that is stopped once it has printed enough:
 * a 40 MB blob costs what its first kilobytes do. The id goes on stdin, where nothing is an option. Null when the
 * repository has no such object (or a short id is ambiguous).
 */
export async function readObjectHead(repo: string, id: string, wanted: number): Promise<ObjectHead | null> {
  const git = gitSpawn(repo, ["cat-file", "--batch"], { timeoutMs: QUICK_MS + Math.ceil(wanted / (1024 * 1024)) * 1000 });
  git.stdin.end(`${id}\n`);
  let header: { id: string; type: string; size: number } | null | undefined;
  const chunks: Buffer[] = [];
  let kept = 0;
  let buffered = Buffer.alloc(0);
  let stopped = false;
  try {
    for await (const chunk of git.stdout as AsyncIterable<Buffer>) {
      let data = chunk;
      if (header === undefined) {
        buffered = Buffer.concat([buffered, chunk]);
        const newline = buffered.indexOf(10);
        if (newline < 0) {
          if (buffered.length > HEADER_LIMIT) throw new Error("git cat-file printed an unexpected header");
          continue;
        }
        const [oid, type, size] = buffered.subarray(0, newline).toString().split(" ");
        header = type === undefined || size === undefined ? null : { id: oid!, type, size: Number(size) };
        if (!header) {
          stopped = true;
          git.kill();
          break;
        }
        data = buffered.subarray(newline + 1);
      }
      const total = Math.min(header!.size, wanted);
      if (total - kept > 0) {
        const piece = data.subarray(0, total - kept);
        chunks.push(piece);
        kept += piece.length;
      }
      if (kept >= total) {
        stopped = true;
        git.kill();
        break;
      }
    }
  } catch (error) {
    git.kill();
    await git.done.catch(() => undefined);
    throw error;
  }
  await git.done.catch((error: unknown) => {
    if (!(stopped && error instanceof GitError && error.reason === "aborted")) throw error;
  });
  if (!header) return null;
  return { ...header, head: Buffer.concat(chunks) };
}

/** A blob's content as a stream from `git cat-file blob`; git is stopped when the reader goes away. */
export function blobStream(repo: string, id: string, options: { signal?: AbortSignal; timeoutMs?: number } = {}): Readable {
  const git = gitSpawn(repo, ["cat-file", "blob", id], { timeoutMs: options.timeoutMs ?? STREAM_MS, signal: options.signal });
  git.stdin.end();
  async function* content() {
    let complete = false;
    try {
      yield* git.stdout as AsyncIterable<Buffer>;
      await git.done;
      complete = true;
    } finally {
      if (!complete) git.kill();
    }
  }
  return Readable.from(content(), { objectMode: false });
}

/** The SHA-256 of a blob's content, read as a stream: GitLab's content_sha256 without holding a large file. */
export async function blobSha256(repo: string, id: string): Promise<string> {
  const hash = createHash("sha256");
  for await (const chunk of blobStream(repo, id)) hash.update(chunk as Buffer);
  return hash.digest("hex");
}
