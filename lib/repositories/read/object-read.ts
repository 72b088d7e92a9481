import { createHash } from "node:crypto";
import type { Readable } from "node:stream";
import { gitChunks, gitStream } from "./git-read";
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
  let header: { id: string; type: string; size: number } | null | undefined;
  const chunks: Buffer[] = [];
  let kept = 0;
  let buffered = Buffer.alloc(0);
  await gitChunks(repo, ["cat-file", "--batch"], { timeoutMs: QUICK_MS + Math.ceil(wanted / (1024 * 1024)) * 1000, input: `${id}\n` }, (chunk) => {
    let data = chunk;
    if (header === undefined) {
      buffered = Buffer.concat([buffered, chunk]);
      const newline = buffered.indexOf(10);
      if (newline < 0) {
        if (buffered.length > HEADER_LIMIT) throw new Error("git cat-file printed an unexpected header");
        return "more";
      }
      const [oid, type, size] = buffered.subarray(0, newline).toString().split(" ");
      header = type === undefined || size === undefined ? null : { id: oid!, type, size: Number(size) };
      if (!header) return "stop";
      data = buffered.subarray(newline + 1);
    }
    const total = Math.min(header!.size, wanted);
    if (total - kept > 0) {
      const piece = data.subarray(0, total - kept);
      chunks.push(piece);
      kept += piece.length;
    }
    return kept >= total ? "stop" : "more";
  });
  if (!header) return null;
  return { ...header, head: Buffer.concat(chunks) };
}

/** A blob's content as a stream from `git cat-file blob`; git is stopped when the reader goes away. */
export function blobStream(repo: string, id: string, options: { signal?: AbortSignal; timeoutMs?: number } = {}): Readable {
  return gitStream(repo, ["cat-file", "blob", id], { timeoutMs: options.timeoutMs ?? STREAM_MS, signal: options.signal });
}

/** The SHA-256 of a blob's content, read as a stream: GitLab's content_sha256 without holding a large file. */
export async function blobSha256(repo: string, id: string): Promise<string> {
  const hash = createHash("sha256");
  for await (const chunk of blobStream(repo, id)) hash.update(chunk as Buffer);
  return hash.digest("hex");
}
