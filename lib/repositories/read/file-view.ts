import type { Readable } from "node:stream";
import { filePathProblem } from "../refs";
import { BINARY_CHECK_BYTES, isBinary } from "./binary";
import { notFound } from "./errors";
import { cacheKey, objectCache } from "./object-cache";
import { blobStream, readObjectHead } from "./object-read";
import { entryAt } from "./tree-entry";

/** A file of a commit as a page shows it: its content only when it is text and small enough to show. */
export interface FileView {
  /** The blob's id. */
  id: string;
  path: string;
  name: string;
  size: number;
  mode: string;
  executable: boolean;
  /** A symbolic link: its content is the target. */
  symlink: boolean;
  /** A NUL among the first 8000 bytes, as git decides. */
  binary: boolean;
  /** The content, for text files of at most `maxBytes`; null otherwise (never read past the first bytes then). */
  content: string | null;
  /** Larger than `maxBytes`. */
  tooLarge: boolean;
}

const nameOf = (path: string) => path.slice(path.lastIndexOf("/") + 1);

/** The blob entry at `path` in `commit`; "404 File Not Found" for a missing path, a directory or a submodule. */
async function blobEntry(repo: string, commit: string, path: string) {
  if (filePathProblem(path)) throw notFound("File");
  const entry = await entryAt(repo, commit, path);
  if (!entry || entry.type !== "blob" || entry.size === undefined) throw notFound("File");
  return { id: entry.id, mode: entry.mode, size: entry.size };
}

/**
 * The file at `path` in `commit` (a full commit id) for the file page: type, size and, for text of at most `maxBytes`,
 * its content. A larger or binary file costs one read of its first 8000 bytes, whatever its size. Cached by blob id.
 */
export async function fileAt(repo: string, commit: string, path: string, options: { maxBytes: number }): Promise<FileView> {
  const entry = await blobEntry(repo, commit, path);
  const small = entry.size <= options.maxBytes;
  const head = await objectCache.getOrLoad(
    cacheKey("file-view", repo, entry.id, small ? entry.size : BINARY_CHECK_BYTES),
    async () => {
      const read = await readObjectHead(repo, entry.id, small ? entry.size : BINARY_CHECK_BYTES);
      if (!read) throw notFound("File");
      const binary = isBinary(read.head);
      return { binary, content: small && !binary ? read.head.toString("utf8") : null };
    },
    (value) => 2 * (value.content?.length ?? 0) + 200,
  );
  return {
    id: entry.id,
    path,
    name: nameOf(path),
    size: entry.size,
    mode: entry.mode,
    executable: entry.mode === "100755",
    symlink: entry.mode === "120000",
    binary: head.binary,
    content: head.content,
    tooLarge: !small,
  };
}

/** A file to send as it is (`/-/raw/`): its name, size, whether it is binary, and its content as a stream. */
export interface RawFile {
  name: string;
  size: number;
  binary: boolean;
  stream: Readable;
}

/**
 * The file at `path` in `commit`, streamed from git as the client reads it (a 1 GB file takes no memory); aborting
 * `signal` or destroying the stream stops git. "404 File Not Found" as fileAt.
 */
export async function openFile(repo: string, commit: string, path: string, options: { signal?: AbortSignal } = {}): Promise<RawFile> {
  const entry = await blobEntry(repo, commit, path);
  const head = await objectCache.getOrLoad(
    cacheKey("file-binary", repo, entry.id),
    async () => {
      const read = await readObjectHead(repo, entry.id, BINARY_CHECK_BYTES);
      if (!read) throw notFound("File");
      return isBinary(read.head);
    },
    () => 100,
  );
  return { name: nameOf(path), size: entry.size, binary: head, stream: blobStream(repo, entry.id, { signal: options.signal }) };
}
