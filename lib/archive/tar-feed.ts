import type { Extract } from "tar-stream";
import { ArchiveError } from "./archive-error";
import { CLOSED, drained, nextOrClosed } from "./stream-events";

export type Chunk = Buffer | Uint8Array | string;

const toBuffer = (chunk: Chunk) => (typeof chunk === "string" ? Buffer.from(chunk) : Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength));

/**
 * Writes the input into tar-stream's parser a chunk at a time, reading the next chunk only once the parser has used
 * the last (its high-water mark is 1 byte): input is read no faster than the caller reads entries, so the size
 * limit trips where the caller reads, and a caller that stops early leaves the rest of a download unread.
 * Never rejects: a failure of the input, or the size limit, destroys the parser with that error for the reader.
 */
export async function feed(input: AsyncIterator<Chunk>, extract: Extract, maxBytes: number): Promise<void> {
  let total = 0;
  let release = true;
  try {
    for (;;) {
      const next = await nextOrClosed(input, extract);
      if (next === CLOSED) {
        // A read is still pending: the input ends itself once it settles; waiting here could wait on a stalled download.
        void input.return?.()?.catch(() => undefined);
        release = false;
        return;
      }
      if (next.done) {
        release = false;
        extract.end(null);
        return;
      }
      const chunk = toBuffer(next.value);
      total += chunk.length;
      if (total > maxBytes) throw new ArchiveError("too_large", `The archive is larger than the limit of ${maxBytes} bytes once decompressed.`);
      if (!extract.write(chunk) && !(await drained(extract))) return;
    }
  } catch (error) {
    extract.destroy(error as Error);
  } finally {
    // Stopped early (or failed): let the input release what it holds (a download, a file).
    if (release) await input.return?.()?.catch(() => undefined);
  }
}
