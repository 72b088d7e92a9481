import { pipeline, type Readable } from "node:stream";
import zlib from "node:zlib";

export type NdjsonErrorKind = "corrupt" | "too_large" | "line_too_long" | "too_slow" | "blank_flood";

/**
 * The whole download is unusable (truncated or corrupt gzip, or past a limit). Unlike one bad line, this stops
 * reading: the caller retries the download or fails the relation.
 */
export class NdjsonError extends Error {
  readonly kind: NdjsonErrorKind;
  readonly line?: number;

  constructor(kind: NdjsonErrorKind, message: string, options: { line?: number; cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = "NdjsonError";
    this.kind = kind;
    this.line = options.line;
  }
}

/** One line: its record, or why it is not one; `size` is the line's length in bytes (what holding it costs). */
export type NdjsonItem<T = unknown> = { line: number; size: number; record: T; error?: never } | { line: number; size: number; error: string; record?: never };

export interface NdjsonOptions {
  /** Longest line accepted, in bytes (GitLab documents 50 MB for a relation row). */
  maxLineBytes?: number;
  /** Largest decompressed size accepted, in bytes: the bound on a zip bomb. */
  maxBytes?: number;
  /** Whether the stream is gzipped, as relation exports are. */
  gzip?: boolean;
  /**
   * Time the reader itself may spend decompressing and splitting, in ms: waits for the network and for the consumer
   * do not count. The bound on a bomb of tiny lines, which stays under the byte limit for many minutes of CPU.
   */
  maxBusyMs?: number;
  /** Blank lines in a row after which the file is garbage (an export has none but a trailing one). */
  maxBlankLines?: number;
  /** Lines to pass over without decoding them (a resumed file: those were loaded before). */
  skipLines?: number;
}

const NEWLINE = 0x0a;
const CARRIAGE_RETURN = 0x0d;
const BOM = "\ufeff";

function decodeLine(parts: Buffer[], length: number, decoder: TextDecoder, line: number, maxLineBytes: number): NdjsonItem | null {
  let bytes = parts.length === 1 && parts[0] ? parts[0] : Buffer.concat(parts, length);
  if (bytes.length > 0 && bytes[bytes.length - 1] === CARRIAGE_RETURN) bytes = bytes.subarray(0, -1);
  if (bytes.length > maxLineBytes) throw lineTooLong(line, maxLineBytes);
  let text: string;
  const size = bytes.length;
  try {
    text = decoder.decode(bytes);
  } catch {
    return { line, size, error: "invalid UTF-8" };
  }
  if (line === 1 && text.startsWith(BOM)) text = text.slice(1);
  if (text.trim() === "") return null;
  try {
    return { line, size, record: JSON.parse(text) as unknown };
  } catch (error) {
    return { line, size, error: error instanceof Error ? error.message : "invalid JSON" };
  }
}

/**
 * Reads NDJSON (gzipped by default) as a stream of records: one item per non-empty line, numbered from 1 as in the
 * file. A line that is not JSON becomes an `error` item and reading goes on; only whole-file problems throw
 * NdjsonError. Lines are split on bytes and decoded whole, so a UTF-8 character split across chunks survives, and
 * nothing but the current line is ever held in memory.
 */
export async function* readNdjson<T = unknown>(
  input: Readable,
  options: NdjsonOptions = {},
): AsyncGenerator<NdjsonItem<T>, void, undefined> {
  const maxLineBytes = options.maxLineBytes ?? 50 * 1024 * 1024;
  const maxBytes = options.maxBytes ?? 10 * 1024 * 1024 * 1024;
  const gzip = options.gzip ?? true;
  const maxBusyMs = options.maxBusyMs ?? Number.POSITIVE_INFINITY;
  const maxBlankLines = options.maxBlankLines ?? Number.POSITIVE_INFINITY;
  const skipLines = options.skipLines ?? 0;
  const decoder = new TextDecoder("utf-8", { fatal: true });

  // 64 KiB pieces rather than zlib's 16 KiB: a quarter of the iterations (and of their buffers) per file.
  const gunzip = gzip ? zlib.createGunzip({ chunkSize: 64 * 1024 }) : null;
  // pipeline() carries a failure of the download itself into the gunzip stream we read, and tears both down if
  // the consumer stops early.
  const source: Readable = gunzip ? pipeline(input, gunzip, () => undefined) : input;

  let total = 0;
  let line = 1;
  let parts: Buffer[] = [];
  let partsLength = 0;
  let blankRun = 0;
  let busy = 0;
  let since = 0;
  const charge = () => {
    busy += performance.now() - since;
    if (busy > maxBusyMs) throw new NdjsonError("too_slow", `Reading the export took longer than ${Math.round(maxBusyMs / 1000)} s of processing: it is given up.`);
  };

  try {
    for await (const chunk of source) {
      since = performance.now();
      const buffer = typeof chunk === "string" ? Buffer.from(chunk) : (chunk as Buffer);
      total += buffer.length;
      if (total > maxBytes) {
        throw new NdjsonError("too_large", `The export is larger than the limit of ${maxBytes} bytes once decompressed.`);
      }
      let start = 0;
      for (let end = buffer.indexOf(NEWLINE); end !== -1; end = buffer.indexOf(NEWLINE, start)) {
        const piece = buffer.subarray(start, end);
        if (line <= skipLines) {
          // Loaded before: only counted, never decoded or parsed (the line limit still holds).
          if (partsLength + piece.length > maxLineBytes + 1) throw lineTooLong(line, maxLineBytes);
          parts = [];
          partsLength = 0;
          line++;
          start = end + 1;
          continue;
        }
        parts.push(piece);
        const item = decodeLine(parts, partsLength + piece.length, decoder, line, maxLineBytes);
        parts = [];
        partsLength = 0;
        line++;
        start = end + 1;
        if (!item) {
          if (++blankRun > maxBlankLines) throw new NdjsonError("blank_flood", `The export has more than ${maxBlankLines} blank lines in a row (line ${line - 1}).`, { line: line - 1 });
          continue;
        }
        blankRun = 0;
        charge();
        yield item as NdjsonItem<T>;
        since = performance.now();
      }
      if (start < buffer.length) {
        const rest = buffer.subarray(start);
        partsLength += rest.length;
        // +1 leaves room for the "\r" of a CRLF line that is exactly at the limit; decodeLine checks exactly.
        if (partsLength > maxLineBytes + 1) throw lineTooLong(line, maxLineBytes);
        // Copy: the rest may be a small view that would otherwise keep a whole 64 KiB chunk alive.
        parts.push(Buffer.from(rest));
      }
      charge();
    }
  } catch (error) {
    if (error instanceof NdjsonError) throw error;
    if (gunzip && isZlibError(error)) {
      throw new NdjsonError("corrupt", "The export file is truncated or is not valid gzip.", { cause: error });
    }
    throw error;
  } finally {
    if (!source.destroyed) source.destroy();
    if (!input.destroyed) input.destroy();
  }
  if (partsLength > 0) {
    const item = decodeLine(parts, partsLength, decoder, line, maxLineBytes);
    if (item) yield item as NdjsonItem<T>;
  }
}

function lineTooLong(line: number, maxLineBytes: number): NdjsonError {
  return new NdjsonError("line_too_long", `Line ${line} of the export is longer than ${maxLineBytes} bytes.`, { line });
}

function isZlibError(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException | undefined)?.code ?? "";
  return typeof code === "string" && code.startsWith("Z_");
}
