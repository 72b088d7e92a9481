import { createHash } from "node:crypto";
import type { Readable } from "node:stream";
import { filePathProblem } from "../refs";
import { BINARY_CHECK_BYTES, isBinary } from "./binary";
import { lastCommitFor } from "./commits";
import { notFound } from "./errors";
import { cacheKey, objectCache } from "./object-cache";
import { blobSha256, blobStream, readObjectHead } from "./object-read";
import { objectIdProblem, resolveCommit } from "./resolve";
import { entryAt } from "./tree-entry";

/** Content larger than this is not put in a files API answer by default: its raw endpoint streams it. */
export const DEFAULT_MAX_CONTENT_BYTES = 10 * 1024 * 1024;

/** GitLab's GET /projects/:id/repository/files/:file_path, plus what a page needs to show it. */
export interface FileBlob {
  file_name: string;
  file_path: string;
  size: number;
  encoding: "base64";
  /** The content in base64; null when it is larger than the limit asked for (`too_large`). */
  content: string | null;
  content_sha256: string;
  ref: string;
  blob_id: string;
  commit_id: string;
  last_commit_id: string;
  execute_filemode: boolean;
  too_large: boolean;
  binary: boolean;
}

export interface BlobInfo {
  id: string;
  size: number;
  binary: boolean;
}

interface BlobContent {
  content: string | null;
  sha256: string;
  binary: boolean;
}

/** A blob's content (when small enough), hash and binary flag; cached by blob id. */
async function blobContent(repo: string, id: string, size: number, maxContentBytes: number): Promise<BlobContent> {
  const small = size <= maxContentBytes;
  return objectCache.getOrLoad(
    cacheKey("blob-content", repo, id, small),
    async () => {
      const head = await readObjectHead(repo, id, small ? size : BINARY_CHECK_BYTES);
      if (!head) throw notFound("File");
      if (small) return { content: head.head.toString("base64"), sha256: createHash("sha256").update(head.head).digest("hex"), binary: isBinary(head.head) };
      // Too large to answer with: hashed as it streams by, never held.
      return { content: null, sha256: await blobSha256(repo, id), binary: isBinary(head.head) };
    },
    (value) => 2 * (value.content?.length ?? 0) + 200,
  );
}

/**
 * A file at a ref, as GitLab's files API shows it. An unknown ref is "404 Commit Not Found"; a path that is missing,
 * a directory or a submodule is "404 File Not Found". Content is read only up to `maxContentBytes`.
 */
export async function blobAt(repo: string, ref: string, filePath: string, options: { maxContentBytes?: number } = {}): Promise<FileBlob> {
  const commit = await resolveCommit(repo, ref, "Commit");
  if (filePathProblem(filePath)) throw notFound("File");
  const entry = await entryAt(repo, commit, filePath);
  if (!entry || entry.type !== "blob" || entry.size === undefined) throw notFound("File");
  const maxContentBytes = options.maxContentBytes ?? DEFAULT_MAX_CONTENT_BYTES;
  const [content, last] = await Promise.all([blobContent(repo, entry.id, entry.size, maxContentBytes), lastCommitFor(repo, commit, filePath)]);
  return {
    file_name: filePath.slice(filePath.lastIndexOf("/") + 1),
    file_path: filePath,
    size: entry.size,
    encoding: "base64",
    content: content.content,
    content_sha256: content.sha256,
    ref,
    blob_id: entry.id,
    commit_id: commit,
    last_commit_id: last?.id ?? commit,
    execute_filemode: entry.mode === "100755",
    too_large: content.content === null,
    binary: content.binary,
  };
}

/** A blob's size and whether it is binary, by id (4 to 64 hex digits); "404 Blob Not Found" for anything else. */
export async function blobInfo(repo: string, sha: string): Promise<BlobInfo> {
  if (objectIdProblem(sha)) throw notFound("Blob");
  const id = sha.toLowerCase();
  const load = async (): Promise<BlobInfo> => {
    const head = await readObjectHead(repo, id, BINARY_CHECK_BYTES);
    if (!head || head.type !== "blob") throw notFound("Blob");
    return { id: head.id, size: head.size, binary: isBinary(head.head) };
  };
  // Only a full id is a key: a short one may name another object once more objects share its prefix.
  return id.length === 40 || id.length === 64 ? objectCache.getOrLoad(cacheKey("blob-info", repo, id), load, () => 150) : load();
}

/**
 * A blob's content as a stream (raw files, downloads), after checking it is a blob so that a bad id is a
 * GitNotFoundError rather than a broken stream. Aborting `signal` or destroying the stream stops git.
 */
export async function streamBlob(repo: string, sha: string, options: { signal?: AbortSignal } = {}): Promise<Readable> {
  const info = await blobInfo(repo, sha);
  return blobStream(repo, info.id, options);
}
