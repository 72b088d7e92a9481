import { Readable } from "node:stream";
import { json } from "./responses";

/**
 * Headers for what GitLab sends as it is, file names included: a value is sent as its UTF-8 bytes (which HTTP headers
 * carry as Latin-1 characters), and the line breaks and NULs a git file name may hold are dropped rather than break
 * the header.
 */
export const headerValue = (value: unknown): string => Buffer.from(String(value ?? "").replace(/[\r\n\0]/g, ""), "utf8").toString("latin1");

/** GitLab's set_http_headers: each field as `X-Gitlab-<Field-Name>` (`file_name` is X-Gitlab-File-Name). */
export function gitlabHeaders(fields: Record<string, unknown>): Headers {
  const headers = new Headers();
  for (const [key, value] of Object.entries(fields)) {
    const name = key
      .split("_")
      .map((word) => word.charAt(0).toUpperCase() + word.slice(1))
      .join("-");
    headers.set(`x-gitlab-${name.toLowerCase()}`, headerValue(value));
  }
  return headers;
}

/** GitLab's no_cache_headers, which its raw endpoints send. */
export const NO_CACHE_HEADERS = { "cache-control": "no-cache, no-store, max-age=0, must-revalidate", pragma: "no-cache", expires: "Fri, 01 Jan 1990 00:00:00 GMT" } as const;

/** `inline` or `attachment`, with an ASCII fallback name and the exact one in RFC 5987 form, as Rails formats it. */
export function contentDisposition(kind: "inline" | "attachment", filename?: string): string {
  if (!filename) return kind;
  const ascii = filename.replace(/[^\x20-\x7e]|["\\]/g, "_");
  return `${kind}; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(filename)}`;
}

/** A stream of bytes as base64 text, in pieces of whole 3-byte groups so that the pieces join into one encoding. */
async function* base64Of(stream: Readable): AsyncGenerator<Buffer> {
  let rest: Buffer = Buffer.alloc(0);
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    const data = rest.length > 0 ? Buffer.concat([rest, chunk]) : chunk;
    const whole = data.length - (data.length % 3);
    if (whole > 0) yield Buffer.from(data.subarray(0, whole).toString("base64"));
    rest = data.subarray(whole);
  }
  if (rest.length > 0) yield Buffer.from(rest.toString("base64"));
}

const PLACEHOLDER = "\u0000ferry-content\u0000";

/**
 * A JSON object whose `content` is a blob in base64, written as git reads it: a file of any size answers without being
 * held in memory. The other fields keep their places around it.
 */
export function jsonWithBase64Content(fields: Record<string, unknown>, content: Readable, init: { headers?: Headers } = {}): Response {
  const text = JSON.stringify({ ...fields, content: PLACEHOLDER });
  const at = text.indexOf(JSON.stringify(PLACEHOLDER));
  const before = Buffer.from(`${text.slice(0, at)}"`);
  const after = Buffer.from(`"${text.slice(at + JSON.stringify(PLACEHOLDER).length)}`);
  async function* body() {
    yield before;
    yield* base64Of(content);
    yield after;
  }
  const stream = Readable.from(body());
  stream.on("close", () => content.destroy());
  const headers = new Headers(init.headers);
  headers.set("content-type", "application/json");
  return new Response(Readable.toWeb(stream) as unknown as ReadableStream<Uint8Array>, { status: 200, headers });
}

/** A JSON answer with no body (HEAD): the headers only. */
export function headOnly(headers: Headers): Response {
  const response = json(null, { headers });
  return new Response(null, { status: response.status, headers: response.headers });
}

/** A file streamed as git reads it; the client going away stops git (the stream's signal). */
export function streamedFile(stream: Readable, headers: Headers): Response {
  return new Response(Readable.toWeb(stream) as unknown as ReadableStream<Uint8Array>, { status: 200, headers });
}
