import type { IncomingMessage, ServerResponse } from "node:http";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { ReadableStream as WebReadableStream } from "node:stream/web";

type RouteHandler<P> = (request: Request, context: { params: Promise<P> }) => Promise<Response>;

/**
 * Serves a route handler written for Web Request/Response on Node's own request and response objects, copying every
 * header it sets. Next's App Router drops Content-Length from route handler responses (next/dist/server/
 * send-response.js) and streams them chunked; GitLab's importer refuses a download without it ("Missing
 * content-length header"). So the download endpoints are Pages Router API routes built with this, which write to
 * Node's response directly. `pattern` names the path's parameters, as `/api/v4/groups/:id/...`.
 */
export function nodeRoute<P extends Record<string, string>>(handler: RouteHandler<P>, pattern: string) {
  const names: string[] = [];
  const matcher = new RegExp(`^${pattern.replace(/:(\w+)/g, (_, name: string) => (names.push(name), "([^/]+)"))}$`);
  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const url = new URL(req.url ?? "/", `http://${req.headers.host ?? "localhost"}`);
    const match = matcher.exec(url.pathname);
    // Raw (still encoded) segments, as the App Router hands them to route handlers.
    const params = Object.fromEntries(names.map((name, i) => [name, match?.[i + 1] ?? ""])) as P;
    const headers = new Headers();
    for (const [key, value] of Object.entries(req.headers)) if (typeof value === "string") headers.set(key, value);
    const response = await handler(new Request(url, { method: req.method, headers }), { params: Promise.resolve(params) });
    res.statusCode = response.status;
    response.headers.forEach((value, key) => res.setHeader(key, value));
    if (!response.body || req.method === "HEAD") {
      res.end();
      return;
    }
    try {
      await pipeline(Readable.fromWeb(response.body as unknown as WebReadableStream), res);
    } catch (error) {
      // A client that hangs up mid-download is its own business, not a server error.
      if ((error as NodeJS.ErrnoException).code !== "ERR_STREAM_PREMATURE_CLOSE") throw error;
    }
  };
}
