import { getConfig } from "@/lib/config";
import { json } from "./responses";

/** A request body past FERRY_API_MAX_BODY_BYTES: answered 413 by apiRoute. */
export class BodyTooLarge extends Error {
  constructor() {
    super("Request body too large");
  }
}

// Connection: close, so the server does not keep reading (and discarding) the rest of a huge upload to reuse the socket.
export const bodyTooLarge = () => json({ error: "Request body too large" }, { status: 413, headers: { connection: "close" } });

export const maxBodyBytes = () => getConfig().FERRY_API_MAX_BODY_BYTES;

/** A Content-Length past the cap: refused before a byte is read, whether or not the route reads bodies at all. */
export function declaredTooLarge(request: Request): boolean {
  const declared = request.headers.get("content-length");
  return declared !== null && /^\d+$/.test(declared.trim()) && Number(declared) > maxBodyBytes();
}

/**
 * The body's bytes, read chunk by chunk and given up as soon as they pass the cap: the stream is cancelled, so the rest
 * of an oversized upload is never read, let alone held in memory (request.text() would buffer all of it first).
 */
export async function readBodyBytes(request: Request, limit = maxBodyBytes()): Promise<Uint8Array> {
  if (!request.body) return new Uint8Array(0);
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel().catch(() => undefined);
      throw new BodyTooLarge();
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks, size);
}
