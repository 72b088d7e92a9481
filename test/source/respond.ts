import type { OutgoingHttpHeaders } from "node:http";
import { setImmediate as nextTurn } from "node:timers/promises";
import { takeFault, type RequestContext } from "./context";
import type { OutgoingBody } from "./types";

/** A response body whose length is known before it is sent (GitLab's downloads always carry Content-Length). */

export function bufferBody(buffer: Buffer): OutgoingBody {
  return {
    length: buffer.length,
    async *chunks() {
      yield buffer;
    },
  };
}

export function sendJson(ctx: RequestContext, status: number, body: unknown, headers: OutgoingHttpHeaders = {}): Promise<void> {
  const buffer = Buffer.from(JSON.stringify(body));
  return sendBody(ctx, status, { "content-type": "application/json", ...headers }, bufferBody(buffer));
}

/** GitLab's `render_api_error!` / `not_found!` shape: `{"message": ...}`. */
export function apiError(ctx: RequestContext, status: number, message: string): Promise<void> {
  return sendJson(ctx, status, { message });
}

/** Grape's parameter errors and GitLab's catch-all route answer `{"error": ...}`. */
export function grapeError(ctx: RequestContext, status: number, error: string): Promise<void> {
  return sendJson(ctx, status, { error });
}

export const routeNotFound = (ctx: RequestContext) => grapeError(ctx, 404, "404 Not Found");

/**
 * Sends a body, unless a reset or truncate fault cuts a successful one short. Either one stops after a number of bytes; a reset
 * then drops the connection although Content-Length promised more, a truncation ends cleanly with a Content-Length
 * that matches the shortened body (so only the gzip layer notices).
 */
export async function sendBody(ctx: RequestContext, status: number, headers: OutgoingHttpHeaders, body: OutgoingBody): Promise<void> {
  const { res, log } = ctx;
  // Body faults stand for a broken transfer of real content, so they spare error answers (a 404 before the export is
  // ready does not use up "the first download of labels is cut").
  const success = status >= 200 && status < 300;
  const reset = success ? takeFault(ctx, "reset", (spec) => (spec.when ?? "mid-body") === "mid-body") : undefined;
  const truncate = success && !reset ? takeFault(ctx, "truncate") : undefined;
  const half = Math.floor(body.length / 2);
  let limit = body.length;
  if (reset) limit = Math.min(body.length, reset.afterBytes ?? half);
  if (truncate) limit = Math.min(body.length, truncate.bytes ?? half);

  res.writeHead(status, { ...headers, "content-length": String(truncate ? limit : body.length) });
  log.status = status;
  let sent = 0;
  if (limit > 0) {
    for await (const chunk of body.chunks()) {
      const piece = chunk.length > limit - sent ? chunk.subarray(0, limit - sent) : chunk;
      if (!(await write(ctx, piece))) return;
      sent += piece.length;
      if (sent >= limit) break;
    }
  }
  if (reset) {
    log.aborted = true;
    await nextTurn();
    dropConnection(ctx, reset.how ?? "rst");
    return;
  }
  if (truncate) log.aborted = true;
  res.end();
}

/** Resolves false when the client went away. */
function write(ctx: RequestContext, chunk: Uint8Array): Promise<boolean> {
  const { res } = ctx;
  if (res.destroyed) return Promise.resolve(false);
  return new Promise((resolve) => {
    const onClose = () => resolve(false);
    res.once("close", onClose);
    res.write(chunk, (error) => {
      res.off("close", onClose);
      resolve(!error);
    });
  });
}

export function dropConnection(ctx: RequestContext, how: "rst" | "close"): void {
  ctx.log.aborted = true;
  const socket = ctx.req.socket;
  if (how === "rst") socket.resetAndDestroy();
  else socket.destroy();
}
