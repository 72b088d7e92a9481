import http from "node:http";
import type { AddressInfo } from "node:net";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { ReadableStream as WebReadableStream } from "node:stream/web";
import { afterAll, beforeAll } from "vitest";
import { rewrittenPath } from "./next-rewrites";

type CatchAllHandler = (request: Request, context: { params: Promise<{ path: string[] }> }) => Promise<Response>;

/** A catch-all route folder (`app/<prefix>[...path]/route.ts`) and the handlers it exports. */
export interface CatchAllRoute {
  /** `/-/git/`: the URL prefix the route's folder sits at. */
  prefix: string;
  handlers: Partial<Record<string, CatchAllHandler>>;
}

export interface RecordedRequest {
  method: string;
  url: string;
  /** Where next.config.js's rewrites sent it. */
  routedTo: string;
  contentEncoding?: string;
  gitProtocol?: string;
}

export interface RouteServer {
  /** `http://127.0.0.1:<port>` */
  url: string;
  requests: RecordedRequest[];
  close(): Promise<void>;
}

const header = (request: http.IncomingMessage, name: string) => {
  const value = request.headers[name];
  return Array.isArray(value) ? value[0] : value;
};

/**
 * A real HTTP server in front of one catch-all route handler, doing what Next.js does on the way: next.config.js's
 * `beforeFiles` rewrites, the catch-all's params decoded segment by segment, the request body streamed in, the
 * response body streamed out with back-pressure, and `request.signal` aborted when the client goes away. A request
 * that does not reach the route is a 404 (Next would hand it to the pages).
 */
export async function startRouteServer(route: CatchAllRoute): Promise<RouteServer> {
  const requests: RecordedRequest[] = [];

  async function answer(req: http.IncomingMessage, res: http.ServerResponse) {
    const url = new URL(req.url ?? "/", "http://ferry.test");
    const routedTo = (await rewrittenPath(url.pathname, ["beforeFiles"])) ?? url.pathname;
    requests.push({ method: req.method ?? "", url: req.url ?? "", routedTo, contentEncoding: header(req, "content-encoding"), gitProtocol: header(req, "git-protocol") });
    const handler = route.handlers[req.method ?? ""];
    if (!routedTo.startsWith(route.prefix) || !handler) {
      res.writeHead(routedTo.startsWith(route.prefix) ? 405 : 404, { "content-type": "text/plain" }).end("Not routed\n");
      return;
    }
    let path: string[];
    try {
      path = routedTo.slice(route.prefix.length).split("/").map(decodeURIComponent);
    } catch {
      res.writeHead(400).end();
      return;
    }
    const abort = new AbortController();
    res.on("close", () => {
      if (!res.writableFinished) abort.abort(new Error("the client went away"));
    });
    const headers = new Headers();
    for (const [key, value] of Object.entries(req.headers)) if (typeof value === "string") headers.set(key, value);
    // The Node request itself as the body, as Next passes it: undici then pulls it as the handler reads, where
    // Readable.toWeb would queue up to 16k chunks ahead.
    const hasBody = req.method !== "GET" && req.method !== "HEAD";
    const request = new Request(url, { method: req.method, headers, body: hasBody ? req : undefined, signal: abort.signal, duplex: "half" } as unknown as RequestInit);
    const response = await handler(request, { params: Promise.resolve({ path }) });
    res.writeHead(response.status, Object.fromEntries(response.headers));
    if (!response.body) res.end();
    else await pipeline(Readable.fromWeb(response.body as unknown as WebReadableStream), res);
  }

  const server = http.createServer((req, res) => {
    answer(req, res).catch(() => res.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A route server for one test file, started before its tests and closed after them. Call at the top level. */
export function runRouteServer(route: CatchAllRoute): () => RouteServer {
  let server: RouteServer | undefined;
  beforeAll(async () => {
    server = await startRouteServer(route);
  });
  afterAll(async () => {
    await server?.close();
  });
  return () => {
    if (!server) throw new Error("The route server is not running: use it inside a test or hook");
    return server;
  };
}
