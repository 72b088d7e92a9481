import type { Readable } from "node:stream";
import { promisify } from "node:util";
import zlib from "node:zlib";
import { SourceError } from "./errors";
import { networkError } from "./network-errors";

const gunzip = promisify(zlib.gunzip);
const inflate = promisify(zlib.inflate);
const inflateRaw = promisify(zlib.inflateRaw);
const brotli = promisify(zlib.brotliDecompress);

function tooLarge(path: string, limit: number): SourceError {
  return new SourceError(
    "too_large",
    `The source instance sent a response to ${path} larger than the limit of ${Math.round(limit / 1024 / 1024)} MiB.`,
  );
}

/** The whole body, refused as soon as it passes `maxBytes` so a huge or endless response cannot exhaust memory. */
export async function readBody(body: Readable, path: string, host: string, maxBytes: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of body) {
      const buffer = chunk as Buffer;
      size += buffer.length;
      if (size > maxBytes) {
        body.destroy();
        throw tooLarge(path, maxBytes);
      }
      chunks.push(buffer);
    }
  } catch (error) {
    throw networkError(error, host);
  }
  return Buffer.concat(chunks, size);
}

/** Undo Content-Encoding. "deflate" is sent both zlib-wrapped (per the RFC) and raw (by some servers): accept both. */
export async function decodeBody(raw: Buffer, encoding: string | undefined, path: string, maxBytes: number) {
  const coding = (encoding ?? "identity").trim().toLowerCase();
  const options = { maxOutputLength: maxBytes };
  try {
    switch (coding) {
      case "identity":
      case "":
        return raw;
      case "gzip":
      case "x-gzip":
        return await gunzip(raw, options);
      case "deflate":
        return await inflate(raw, options).catch((error: NodeJS.ErrnoException) => {
          if (error.code === "ERR_BUFFER_TOO_LARGE") throw error;
          return inflateRaw(raw, options);
        });
      case "br":
        return await brotli(raw, options);
    }
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ERR_BUFFER_TOO_LARGE") throw tooLarge(path, maxBytes);
    throw new SourceError("bad_response", `The source instance sent a corrupt compressed response to ${path}.`, {
      cause: error,
    });
  }
  throw new SourceError("bad_response", `The source instance sent ${path} with an unsupported encoding (${coding}).`);
}

export function parseJson(text: string, contentType: string | undefined, path: string, status: number): unknown {
  if (status === 204 || text.trim() === "") return null;
  if (contentType && !/json/i.test(contentType)) {
    const type = contentType.split(";")[0]?.trim() ?? contentType;
    throw new SourceError("bad_response", `The source instance answered ${path} with ${type} instead of JSON.`, {
      status,
      path,
    });
  }
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new SourceError("bad_response", `The source instance answered ${path} with invalid JSON.`, { status, path });
  }
}
