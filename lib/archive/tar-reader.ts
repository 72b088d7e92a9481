import { ArchiveError, BLOCK, dataSize, decodeHeader, isZeroBlock, paddedSize, parsePax, type EntryType } from "./tar-header";

export interface TarEntry {
  /** The name as the archive gives it (pax or GNU long names applied); not checked: see `safeRelativePath`. */
  path: string;
  type: EntryType;
  size: number;
  mode: number;
  linkName: string;
  /** 1-based position among the archive's entries (metadata headers not counted). */
  index: number;
  /** The data; read it (or not) before asking for the next entry. Whatever is left unread is skipped. */
  body: AsyncIterable<Buffer>;
}

export interface ReadTarOptions {
  /** Largest archive accepted, in bytes read (the bound on a decompression bomb). */
  maxBytes?: number;
}

type Chunk = Buffer | Uint8Array | string;

// A pax or GNU long-name header holds a path or two: anything larger is not an honest archive.
const MAX_METADATA_BYTES = 1024 * 1024;

/** Exact-length reads over a stream of chunks, holding no more than one chunk beyond what is asked. */
class ChunkReader {
  private buffered: Buffer[] = [];
  private bufferedLength = 0;
  private done = false;
  total = 0;

  constructor(
    private readonly source: AsyncIterator<Chunk>,
    private readonly maxBytes: number,
  ) {}

  private async fill(): Promise<boolean> {
    if (this.done) return false;
    const next = await this.source.next();
    if (next.done) {
      this.done = true;
      return false;
    }
    const chunk = typeof next.value === "string" ? Buffer.from(next.value) : Buffer.from(next.value.buffer, next.value.byteOffset, next.value.byteLength);
    this.total += chunk.length;
    if (this.total > this.maxBytes) throw new ArchiveError("too_large", `The archive is larger than the limit of ${this.maxBytes} bytes once decompressed.`);
    if (chunk.length > 0) {
      this.buffered.push(chunk);
      this.bufferedLength += chunk.length;
    }
    return true;
  }

  /** Up to `max` bytes, at least one unless the stream ended. */
  private async take(max: number): Promise<Buffer | null> {
    while (this.bufferedLength === 0) if (!(await this.fill())) return null;
    const head = this.buffered[0]!;
    if (head.length <= max) {
      this.buffered.shift();
      this.bufferedLength -= head.length;
      return head;
    }
    this.buffered[0] = head.subarray(max);
    this.bufferedLength -= max;
    return head.subarray(0, max);
  }

  /** Exactly n bytes; null at a clean end of stream before the first byte. */
  async exact(n: number): Promise<Buffer | null> {
    const parts: Buffer[] = [];
    let length = 0;
    while (length < n) {
      const part = await this.take(n - length);
      if (!part) {
        if (length === 0) return null;
        throw new ArchiveError("corrupt", "The archive is truncated.");
      }
      parts.push(part);
      length += part.length;
    }
    return parts.length === 1 ? parts[0]! : Buffer.concat(parts, length);
  }

  /** n bytes as they arrive; `progress` learns how many were handed out. */
  async *stream(n: number, progress: (bytes: number) => void): AsyncGenerator<Buffer> {
    let left = n;
    while (left > 0) {
      const part = await this.take(left);
      if (!part) throw new ArchiveError("corrupt", "The archive is truncated.");
      left -= part.length;
      progress(part.length);
      yield part;
    }
  }

  async skip(n: number): Promise<void> {
    let left = n;
    while (left > 0) {
      const part = await this.take(left);
      if (!part) throw new ArchiveError("corrupt", "The archive is truncated.");
      left -= part.length;
    }
  }
}

async function metadata(reader: ChunkReader, size: number): Promise<Buffer> {
  if (size > MAX_METADATA_BYTES) throw new ArchiveError("corrupt", "The archive has an oversized metadata header.");
  const data = (await reader.exact(size)) ?? Buffer.alloc(0);
  if (data.length < size) throw new ArchiveError("corrupt", "The archive is truncated.");
  await reader.skip(paddedSize(size) - size);
  return data;
}

const nulTerminated = (data: Buffer) => {
  const end = data.indexOf(0);
  return data.subarray(0, end === -1 ? data.length : end).toString("utf8");
};

/**
 * Reads a tar stream (ustar, pax and GNU formats) one entry at a time, never holding more than a chunk of data:
 * each entry's body streams from the input and must be consumed (or abandoned) before the next entry is asked for.
 * Every entry is reported with its type; the caller decides what to accept. Problems with the archive itself
 * (bad checksum, truncation, size limit) throw ArchiveError.
 */
export async function* readTar(input: AsyncIterable<Chunk> | Iterable<Chunk>, options: ReadTarOptions = {}): AsyncGenerator<TarEntry> {
  const iterator = Symbol.asyncIterator in input ? input[Symbol.asyncIterator]() : (async function* () { yield* input; })();
  const reader = new ChunkReader(iterator, options.maxBytes ?? Number.POSITIVE_INFINITY);
  try {
    yield* entries(reader);
  } finally {
    // Stopped early (or failed): let the input release what it holds (a download, a file).
    await iterator.return?.();
  }
}

async function* entries(reader: ChunkReader): AsyncGenerator<TarEntry> {
  let pending: { path?: string; linkName?: string; size?: number } = {};
  let index = 0;
  for (;;) {
    const block = await reader.exact(BLOCK);
    // The end-of-archive marker is two zero blocks; a missing one (a writer cut short after the last entry) is forgiven.
    if (!block || isZeroBlock(block)) return;
    const header = decodeHeader(block);
    if (header.type === "pax-header" || header.type === "pax-global-header") {
      const records = parsePax(await metadata(reader, header.size));
      // Global headers set defaults for every later entry; nothing Ferry reads (path, size) is sensible there.
      if (header.type === "pax-global-header") continue;
      if (records.path !== undefined) pending.path = records.path;
      if (records.linkpath !== undefined) pending.linkName = records.linkpath;
      if (records.size !== undefined) {
        const size = Number(records.size);
        if (!Number.isSafeInteger(size) || size < 0) throw new ArchiveError("corrupt", "The archive has an invalid pax size.");
        pending.size = size;
      }
      continue;
    }
    if (header.type === "gnu-long-name" || header.type === "gnu-long-link") {
      const value = nulTerminated(await metadata(reader, header.size));
      if (header.type === "gnu-long-name") pending.path = value;
      else pending.linkName = value;
      continue;
    }
    const size = dataSize({ type: header.type, size: pending.size ?? header.size });
    const entry = { path: pending.path ?? header.name, linkName: pending.linkName ?? header.linkName, type: header.type, size, mode: header.mode };
    pending = {};
    index += 1;
    let read = 0;
    yield { ...entry, index, body: reader.stream(size, (bytes) => (read += bytes)) };
    await reader.skip(size - read + (paddedSize(size) - size));
  }
}
