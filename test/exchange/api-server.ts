import fs from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { Readable } from "node:stream";

type Handler = (request: Request, context: { params: Promise<Record<string, string>> }) => Promise<Response>;
interface Route {
  /** `git`: app/-/git/[...path], which takes the address's segments as `path`. */
  kind: "app" | "pages" | "git";
  pattern: RegExp;
  names: string[];
  module: () => Promise<Record<string, unknown>>;
}

const APP_DIR = path.resolve(import.meta.dirname, "../../app/api/v4");
// What an importer asks a source for beside /api/v4: GitLab's GraphQL (snippets) and smart HTTP (wikis, snippets).
const EXTRA_ROUTES: Route[] = [
  { kind: "app", pattern: /^\/api\/graphql$/, names: [], module: () => import(path.resolve(import.meta.dirname, "../../app/api/graphql/route.ts")) as Promise<Record<string, unknown>> },
  { kind: "git", pattern: /^\/.+\.git\/(?:info\/refs|git-upload-pack|git-receive-pack)$/, names: [], module: () => import(path.resolve(import.meta.dirname, "../../app/-/git/[...path]/route.ts")) as Promise<Record<string, unknown>> },
];
const PAGES_DIR = path.resolve(import.meta.dirname, "../../pages/api/v4");
// GitLab's GraphQL endpoint sits beside /api/v4: importers ask it for project members and snippets.
const GRAPHQL_ROUTE = path.resolve(import.meta.dirname, "../../app/api/graphql/route.ts");

/**
 * Every route under app/api/v4 (`route.ts`, Web handlers by method) and pages/api/v4 (Node handlers, the default
 * export), and /api/graphql, as path patterns (`[id]` → one segment), most specific first.
 */
function discoverRoutes(): Route[] {
  const files = (dir: string) => (fs.existsSync(dir) ? (fs.readdirSync(dir, { recursive: true }) as string[]).filter((f) => f.endsWith(".ts") && !f.endsWith(".test.ts")) : []);
  const entries = [
    ...files(APP_DIR).filter((f) => path.basename(f) === "route.ts").map((f) => ({ kind: "app" as const, file: path.join(APP_DIR, f), segments: path.dirname(f).split(path.sep) })),
    ...files(PAGES_DIR).map((f) => ({ kind: "pages" as const, file: path.join(PAGES_DIR, f), segments: f.slice(0, -".ts".length).split(path.sep) })),
  ];
  return entries
    .map(({ kind, file, segments: all }) => {
      const segments = all.filter((s) => s !== ".");
      const names: string[] = [];
      const source = segments.map((segment) => {
        const dynamic = /^\[(\w+)\]$/.exec(segment);
        if (!dynamic) return segment.replace(/[.*+?^${}()|\\]/g, "\\$&");
        names.push(dynamic[1]!);
        return "([^/]+)";
      });
      return { kind, pattern: new RegExp(`^/api/v4/${source.join("/")}$`), names, module: () => import(file) as Promise<Record<string, unknown>>, static: segments.filter((s) => !s.startsWith("[")).length };
    })
    .concat([{ kind: "app" as const, pattern: /^\/api\/graphql$/, names: [], module: () => import(GRAPHQL_ROUTE) as Promise<Record<string, unknown>>, static: 2 }])
    .sort((a, b) => b.static - a.static);
}

export interface ApiServer {
  url: string;
  close(): Promise<void>;
}

/**
 * Serves Ferry's /api/v4 route handlers over real HTTP, as Next would call them, so that HTTP clients (Ferry's own
 * importer, @gitbeaker/rest) can be pointed at this process's database without building and starting Next.
 */
export async function startApiServer(): Promise<ApiServer> {
  const routes = [...EXTRA_ROUTES, ...discoverRoutes()];
  const server = http.createServer(async (req, res) => {
    try {
      const url = new URL(req.url ?? "/", `http://${req.headers.host}`);
      const route = routes.find((r) => r.pattern.test(url.pathname));
      if (route?.kind === "pages") {
        await ((await route.module()).default as (req: http.IncomingMessage, res: http.ServerResponse) => Promise<void>)(req, res);
        return;
      }
      const handler = route ? ((await route.module())[req.method ?? "GET"] as Handler | undefined) : undefined;
      if (!route || !handler) {
        res.writeHead(404, { "content-type": "application/json" }).end(JSON.stringify({ error: "404 Not Found" }));
        return;
      }
      const match = route.pattern.exec(url.pathname)!;
      const params = route.kind === "git" ? { path: url.pathname.slice(1).split("/").map(decodeURIComponent) } : Object.fromEntries(route.names.map((name, i) => [name, match[i + 1]!]));
      const chunks: Buffer[] = [];
      for await (const chunk of req) chunks.push(chunk as Buffer);
      const headers = new Headers();
      for (const [key, value] of Object.entries(req.headers)) if (typeof value === "string") headers.set(key, value);
      const body = chunks.length ? Buffer.concat(chunks) : undefined;
      const response = await handler(new Request(url, { method: req.method, headers, body }), { params: Promise.resolve(params as Record<string, string>) });
      res.writeHead(response.status, Object.fromEntries(response.headers.entries()));
      if (response.body) Readable.fromWeb(response.body as import("node:stream/web").ReadableStream).pipe(res);
      else res.end();
    } catch (error) {
      // A route that throws is a bug the test should show, not a bare 500.
      console.error("api-server", req.method, req.url, error);
      if (res.headersSent) res.destroy(error as Error);
      else res.writeHead(500).end(String(error));
    }
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
