import fs from "node:fs";
import { finished } from "node:stream/promises";
import { drained } from "./archive-scan";

/** The upload did not arrive as a well-formed multipart body, or its file went past the size limit. */
export class UploadError extends Error {
  constructor(
    readonly kind: "malformed" | "too_large" | "missing_file",
    message: string,
  ) {
    super(message);
    this.name = "UploadError";
  }
}

export interface ReceivedUpload {
  /** Text fields by name (the last one of a name wins, as Rack's does for scalar params). */
  fields: Record<string, string>;
  /** The file field's client-side name and its size on disk; null when the body had no `file` part. */
  file: { fileName: string; size: number } | null;
}

const MAX_FIELD_BYTES = 64 * 1024;
const MAX_HEADER_BYTES = 16 * 1024;
const MAX_PARTS = 32;

/** The boundary of a `multipart/form-data` content type, or null. */
export function boundaryOf(contentType: string): string | null {
  if (!/^multipart\/form-data\s*;/i.test(contentType)) return null;
  const match = contentType.match(/;\s*boundary=(?:"([^"]{1,70})"|([^\s;]{1,70}))/i);
  return match ? (match[1] ?? match[2]!) : null;
}

function partHeaders(text: string): { name: string; fileName: string | null } {
  const disposition = text.split("\r\n").find((line) => /^content-disposition\s*:/i.test(line));
  if (!disposition) throw new UploadError("malformed", "A multipart part has no Content-Disposition.");
  const name = disposition.match(/;\s*name="([^"]*)"/i)?.[1];
  if (name === undefined) throw new UploadError("malformed", "A multipart part has no name.");
  const fileName = disposition.match(/;\s*filename="([^"]*)"/i)?.[1] ?? null;
  return { name, fileName };
}

/**
 * Reads a multipart/form-data body as it arrives: text fields into memory (each small), the part named `file` straight
 * to `target` on disk, refused as soon as it passes `maxFileBytes` (the rest of the body is not read). Nothing but
 * the part being written is held: a boundary can straddle chunks, so only a boundary's length stays unwritten.
 */
export async function receiveMultipart(body: AsyncIterable<Uint8Array>, boundary: string, target: string, maxFileBytes: number): Promise<ReceivedUpload> {
  const delimiter = Buffer.from(`\r\n--${boundary}`);
  const fields: Record<string, string> = {};
  let file: ReceivedUpload["file"] = null;
  // The body starts with `--boundary`; prefixing CRLF lets one delimiter pattern find every boundary.
  let buffer: Buffer = Buffer.from("\r\n");
  let state: "preamble" | "headers" | "data" | "done" = "preamble";
  let part: { name: string; fileName: string | null } | null = null;
  let fieldChunks: Buffer[] = [];
  let fieldBytes = 0;
  let out: fs.WriteStream | null = null;
  let written = 0;
  let parts = 0;

  const write = async (bytes: Buffer) => {
    if (bytes.length === 0 || !part) return;
    if (out) {
      written += bytes.length;
      if (written > maxFileBytes) throw new UploadError("too_large", "File is too big");
      if (!out.write(bytes)) await drained(out);
      if (out.errored) throw out.errored;
      return;
    }
    fieldBytes += bytes.length;
    if (fieldBytes > MAX_FIELD_BYTES) throw new UploadError("malformed", `The ${part.name} parameter is too long.`);
    fieldChunks.push(bytes);
  };
  const endPart = async () => {
    if (!part) return;
    if (out) {
      await finished(out.end());
      out = null;
      file = { fileName: part.fileName ?? "", size: written };
    } else {
      fields[part.name] = Buffer.concat(fieldChunks).toString("utf8");
    }
    part = null;
  };

  try {
    for await (const chunk of body) {
      buffer = buffer.length === 0 ? Buffer.from(chunk) : Buffer.concat([buffer, chunk]);
      for (;;) {
        if (state === "done") break;
        if (state === "headers") {
          const end = buffer.indexOf("\r\n\r\n");
          if (end === -1) {
            if (buffer.length > MAX_HEADER_BYTES) throw new UploadError("malformed", "A multipart part has oversized headers.");
            break;
          }
          part = partHeaders(buffer.subarray(0, end).toString("utf8"));
          buffer = buffer.subarray(end + 4);
          if (++parts > MAX_PARTS) throw new UploadError("malformed", "Too many multipart parts.");
          if (part.name === "file" && part.fileName !== null) {
            if (out || file) throw new UploadError("malformed", "Only one file may be uploaded.");
            written = 0;
            out = fs.createWriteStream(target, { mode: 0o600 });
            // A disk error fails the write that waits on it (finished() below), never as an unhandled event.
            out.on("error", () => undefined);
          } else {
            fieldChunks = [];
            fieldBytes = 0;
          }
          state = "data";
          continue;
        }
        const at = buffer.indexOf(delimiter);
        if (at === -1) {
          // Keep what could be the start of a delimiter; the rest belongs to the part (or to the preamble).
          const keep = Math.min(buffer.length, delimiter.length - 1);
          if (state === "data") await write(buffer.subarray(0, buffer.length - keep));
          buffer = buffer.subarray(buffer.length - keep);
          break;
        }
        // After the delimiter: CRLF and the next part's headers, or `--` for the end; need two bytes to tell.
        if (buffer.length < at + delimiter.length + 2) {
          if (state === "data") await write(buffer.subarray(0, at));
          buffer = buffer.subarray(at);
          break;
        }
        if (state === "data") {
          await write(buffer.subarray(0, at));
          await endPart();
        }
        const after = buffer.subarray(at + delimiter.length, at + delimiter.length + 2).toString("latin1");
        buffer = buffer.subarray(at + delimiter.length + 2);
        if (after === "--") state = "done";
        else if (after === "\r\n") state = "headers";
        else throw new UploadError("malformed", "The multipart body is malformed.");
      }
      if (state === "done") break;
    }
    if (state !== "done") throw new UploadError("malformed", "The multipart body ended early.");
  } catch (error) {
    if (out) {
      (out as fs.WriteStream).destroy();
      await fs.promises.rm(target, { force: true });
    }
    throw error;
  }
  return { fields, file };
}
