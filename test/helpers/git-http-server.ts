import http from "node:http";
import type { AddressInfo } from "node:net";
import { pipeline } from "node:stream/promises";
import { afterAll, beforeAll } from "vitest";
import { advertiseRefs, isGitService, serviceRpc, type PushPolicy } from "@/lib/repositories";

export interface ServedRepository {
  path: string;
  pushPolicy?: PushPolicy;
}

export interface RecordedRequest {
  method: string;
  url: string;
  contentEncoding?: string;
  gitProtocol?: string;
  authorization?: string;
}

export interface GitHttpServer {
  /** `http://127.0.0.1:<port>`; a repository named `x` is at `<url>/x.git`. */
  url: string;
  /** What is served, by name: tests add repositories and change their push policies as they go. */
  repositories: Map<string, ServedRepository>;
  requests: RecordedRequest[];
  close(): Promise<void>;
}

const ROUTE = /^\/(.+)\.git\/(info\/refs|git-upload-pack|git-receive-pack)$/;

function header(request: http.IncomingMessage, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/**
 * A smart HTTP server over lib/repositories, as a route would use it minus authentication: `/<name>.git/info/refs`,
 * `/<name>.git/git-upload-pack`, `/<name>.git/git-receive-pack`; 404 for anything else (no dumb HTTP).
 */
export async function startGitHttpServer(): Promise<GitHttpServer> {
  const repositories = new Map<string, ServedRepository>();
  const requests: RecordedRequest[] = [];

  async function answer(request: http.IncomingMessage, response: http.ServerResponse) {
    requests.push({ method: request.method ?? "", url: request.url ?? "", contentEncoding: header(request, "content-encoding"), gitProtocol: header(request, "git-protocol"), authorization: header(request, "authorization") });
    const url = new URL(request.url ?? "/", "http://localhost");
    const [, name = "", action = ""] = ROUTE.exec(url.pathname) ?? [];
    const repository = repositories.get(name);
    const service = action === "info/refs" ? url.searchParams.get("service") : action;
    if (!repository || !isGitService(service) || request.method !== (action === "info/refs" ? "GET" : "POST")) {
      response.writeHead(404).end();
      return;
    }
    const abort = new AbortController();
    response.on("close", () => {
      if (!response.writableFinished) abort.abort();
    });
    const gitProtocol = header(request, "git-protocol");
    const result =
      action === "info/refs"
        ? advertiseRefs(repository.path, service, gitProtocol)
        : await serviceRpc(repository.path, service, {
            body: request,
            contentType: header(request, "content-type"),
            contentEncoding: header(request, "content-encoding"),
            gitProtocol,
            signal: abort.signal,
            pushPolicy: repository.pushPolicy,
          });
    response.writeHead(result.status, result.headers);
    await pipeline(result.body, response);
  }

  const server = http.createServer((request, response) => {
    answer(request, response).catch(() => response.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    repositories,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A git HTTP server for one test file, started before its tests and closed after them. Call at the top level. */
export function runGitHttpServer(): () => GitHttpServer {
  let server: GitHttpServer | undefined;
  beforeAll(async () => {
    server = await startGitHttpServer();
  });
  afterAll(async () => {
    await server?.close();
  });
  return () => {
    if (!server) throw new Error("The git HTTP server is not running: use it inside a test or hook");
    return server;
  };
}
