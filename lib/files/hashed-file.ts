import { createHash } from "node:crypto";
import { pipeline } from "node:stream/promises";
import { writeWholeOrNone } from "./whole-or-none";

export class FileTooLargeError extends Error {
  constructor(readonly limit: number) {
    super(`The file is larger than the limit of ${limit} bytes.`);
    this.name = "FileTooLargeError";
  }
}

export interface HashedFile {
  size: number;
  sha256: string;
}

/**
 * Streams `body` into a new file at `file` (never an existing one), counting and hashing it on the way, and stops
 * with FileTooLargeError past `maxBytes`. The file is removed when anything fails: callers write under a temporary
 * name and rename it into place once they have checked what they got, so no reader ever sees half a file.
 */
export async function writeHashedFile(file: string, body: AsyncIterable<Buffer> | Iterable<Buffer>, options: { maxBytes: number; mode?: number }): Promise<HashedFile> {
  const hash = createHash("sha256");
  let size = 0;
  await writeWholeOrNone(file, { mode: options.mode ?? 0o640, flags: "wx" }, (out) =>
    pipeline(async function* () {
      for await (const chunk of body) {
        size += chunk.length;
        if (size > options.maxBytes) throw new FileTooLargeError(options.maxBytes);
        hash.update(chunk);
        yield chunk;
      }
    }, out),
  );
  return { size, sha256: hash.digest("hex") };
}
