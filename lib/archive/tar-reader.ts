import { extract as tarExtract, type Extract } from "tar-stream";
import { fromTarStream } from "./archive-error";
import { entryOf, type DecodedHeader, type TarEntry } from "./tar-entry";
import { feed, type Chunk } from "./tar-feed";

export interface ReadTarOptions {
  /** Largest archive accepted, in bytes read (the bound on a decompression bomb). */
  maxBytes?: number;
}

/** One entry as tar-stream streams it (its typings do not name the type). */
type Entry = Extract extends AsyncIterable<infer E> ? E : never;

// tar-stream's typings leave out its own options. Unknown formats are v7 archives (no magic); the checksum still
// tells a tar header from anything else. A high-water mark of 1 makes every write wait for the parser (see feed).
const EXTRACT_OPTIONS = { allowUnknownFormat: true, highWaterMark: 1 };

async function* empty(): AsyncGenerator<Buffer> {}

/** An entry's data as tar-stream streams it, with the archive's failure (as ArchiveError) as its own. */
async function* body(stream: Entry, failure: () => unknown): AsyncGenerator<Buffer> {
  // Never return() this iterator: that destroys the entry, and tar-stream then fails the whole archive. A caller
  // that stops reading leaves the rest to readTar, which drains it.
  const chunks = stream[Symbol.asyncIterator]() as AsyncIterator<Buffer>;
  for (;;) {
    let next: IteratorResult<Buffer>;
    try {
      next = await chunks.next();
    } catch (error) {
      // An entry destroyed before its body was first read reports only "destroyed", not why.
      throw fromTarStream(failure() ?? error);
    }
    if (next.done) return;
    yield next.value;
  }
}

/**
 * Reads a tar stream (ustar, pax and GNU formats, by tar-stream) one entry at a time, never holding more than a
 * chunk of data: each entry's body streams from the input and must be consumed (or abandoned) before the next
 * entry is asked for. Every entry is reported with its type; the caller decides what to accept (see
 * `safeRelativePath`). Problems with the archive itself (bad checksum, truncation, size limit) throw ArchiveError.
 */
export async function* readTar(input: AsyncIterable<Chunk> | Iterable<Chunk>, options: ReadTarOptions = {}): AsyncGenerator<TarEntry> {
  const extract = tarExtract(EXTRACT_OPTIONS);
  let failure: unknown;
  extract.on("error", (error: unknown) => (failure ??= error));
  // Listening before the first byte is written: tar-stream drops entries nobody listens for.
  const entries = extract[Symbol.asyncIterator]();
  const iterator = Symbol.asyncIterator in input ? input[Symbol.asyncIterator]() : (async function* () { yield* input; })();
  const feeding = feed(iterator, extract, options.maxBytes ?? Number.POSITIVE_INFINITY);
  try {
    for (let index = 1; ; index += 1) {
      let next: IteratorResult<Entry>;
      try {
        next = await entries.next();
      } catch (error) {
        throw fromTarStream(error);
      }
      if (next.done) return;
      const stream = next.value;
      const entry = entryOf(stream.header as DecodedHeader, index);
      yield { ...entry, body: entry.size === 0 ? empty() : body(stream, () => failure) };
      // Whatever the caller left unread flows out, so that tar-stream reaches the next header.
      stream.resume();
    }
  } finally {
    extract.destroy(null);
    await feeding;
  }
}
