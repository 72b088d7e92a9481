import { PassThrough, type Readable } from "node:stream";
import zlib from "node:zlib";
import { SourceError } from "./errors";
import { networkError } from "./network-errors";
import type { TransportResponse } from "./transport";

/**
 * A download's body for the caller: network failures become SourceErrors (so a retry decision can be made on
 * `kind`), the bytes are counted against `maxBytes` as they arrive, any Content-Encoding is undone, and the
 * connection is released as soon as the caller stops reading.
 */
export function guardDownload(
  response: TransportResponse,
  options: { path: string; host: string; maxBytes?: number },
): Readable {
  const { path, host, maxBytes } = options;
  const out = new PassThrough();
  const source = response.body;
  const fail = (error: SourceError) => {
    if (!out.destroyed) out.destroy(error);
    source.destroy();
  };
  let size = 0;
  source.on("data", (chunk: Buffer) => {
    size += chunk.length;
    if (maxBytes !== undefined && size > maxBytes) {
      fail(new SourceError("too_large", `The download of ${path} passed the limit of ${maxBytes} bytes.`, { path }));
    }
  });
  source.on("error", (error) => fail(networkError(error, host)));
  out.on("close", () => {
    if (!source.complete) source.destroy();
  });

  const encoding = response.headers["content-encoding"]?.trim().toLowerCase();
  const decoder =
    encoding === "gzip" || encoding === "x-gzip" ? zlib.createGunzip() : encoding === "deflate" ? zlib.createInflate() : null;
  if (decoder) {
    decoder.on("error", () =>
      fail(new SourceError("bad_response", `The source instance sent a corrupt compressed response to ${path}.`, { path })),
    );
    source.pipe(decoder).pipe(out);
  } else {
    source.pipe(out);
  }
  return out;
}
