import type http from "node:http";
import { text } from "node:stream/consumers";
import zlib from "node:zlib";
import { afterEach, describe, expect, it } from "vitest";
import { SourceClient, type SourceClientOptions } from "./client";
import { SourceError } from "./errors";
import { memoryLogger, recordingSleep, sendJson, startServer, TEST_TLS_CERT, type Handler, type TestServer } from "./test-server";

const TOKEN = "glpat-client-test-0123456789";
const servers: TestServer[] = [];
const clients: SourceClient[] = [];

async function serve(handler: Handler, options?: { host?: string; tls?: boolean }) {
  const server = await startServer(handler, options);
  servers.push(server);
  return server;
}

function client(url: string, options: Partial<SourceClientOptions> = {}) {
  const c = new SourceClient({ url, token: TOKEN, allowInsecure: true, allowLocal: true, maxRetries: 0, ...options });
  clients.push(c);
  return c;
}

async function failure(promise: Promise<unknown>): Promise<SourceError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(SourceError);
    return error as SourceError;
  }
  throw new Error("expected the call to fail");
}

afterEach(async () => {
  for (const c of clients.splice(0)) c.close();
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

describe("requests", () => {
  it("sends the token as PRIVATE-TOKEN under /api/v4 of the base path, never in the URL", async () => {
    const server = await serve((_req, res) => sendJson(res, 200, { ok: true }));
    const { data, status } = await client(`${server.url}/gitlab/`).get("/groups/7", { page: 2, search: "a b" });
    expect(data).toEqual({ ok: true });
    expect(status).toBe(200);
    const [request] = server.requests;
    expect(request?.url).toBe("/gitlab/api/v4/groups/7?page=2&search=a+b");
    expect(request?.headers["private-token"]).toBe(TOKEN);
    expect(request?.url).not.toContain(TOKEN);
  });

  it("encodes array query values GitLab's way and skips empty ones", async () => {
    const server = await serve((_req, res) => sendJson(res, 200, []));
    await client(server.url).get("/projects", { "ids": [1, 2], skip: undefined, none: null, archived: false });
    expect(decodeURIComponent(server.requests[0]?.url ?? "")).toBe("/api/v4/projects?ids[]=1&ids[]=2&archived=false");
  });

  it("posts a JSON body", async () => {
    const server = await serve((_req, res) => sendJson(res, 202, { message: "202 Accepted" }));
    const { status } = await client(server.url).post("/groups/1/export_relations", { batched: true });
    expect(status).toBe(202);
    expect(server.requests[0]?.method).toBe("POST");
    expect(server.requests[0]?.headers["content-type"]).toBe("application/json");
    expect(JSON.parse(server.requests[0]?.body ?? "")).toEqual({ batched: true });
  });

  it.each([
    ["gzip", zlib.gzipSync],
    ["deflate", zlib.deflateSync],
    ["deflate", zlib.deflateRawSync],
    ["br", zlib.brotliCompressSync],
  ] as const)("decodes a %s-encoded JSON response", async (encoding, compress) => {
    const body = { name: "Élodie ✓", items: Array.from({ length: 200 }, (_, i) => i) };
    const server = await serve((req, res) => {
      res.writeHead(200, { "content-type": "application/json", "content-encoding": encoding });
      res.end(compress(Buffer.from(JSON.stringify(body))));
    });
    expect((await client(server.url).get("/x")).data).toEqual(body);
    expect(server.requests[0]?.headers["accept-encoding"]).toBe("gzip, deflate");
  });

  it("refuses a JSON response over the size limit, even when it is small on the wire", async () => {
    const big = zlib.gzipSync(Buffer.from(JSON.stringify({ pad: "x".repeat(200_000) })));
    const server = await serve((_req, res) => {
      res.writeHead(200, { "content-type": "application/json", "content-encoding": "gzip" });
      res.end(big);
    });
    expect(big.length).toBeLessThan(10_000);
    const error = await failure(client(server.url, { maxJsonBytes: 100_000 }).get("/x"));
    expect(error.kind).toBe("too_large");
  });

  it("calls a non-JSON answer a bad response", async () => {
    const server = await serve((_req, res) => {
      res.writeHead(200, { "content-type": "text/html" });
      res.end("<html>sign in</html>");
    });
    const error = await failure(client(server.url).get("/version"));
    expect(error.kind).toBe("bad_response");
    expect(error.message).toBe("The source instance answered /version with text/html instead of JSON.");
  });

  it("calls broken JSON a bad response", async () => {
    const server = await serve((_req, res) => {
      res.writeHead(200, { "content-type": "application/json" });
      res.end('{"version": ');
    });
    expect((await failure(client(server.url).get("/version"))).kind).toBe("bad_response");
  });
});

describe("pagination", () => {
  const groups = Array.from({ length: 5 }, (_, i) => ({ id: i + 1 }));
  const pager: Handler = (req, res) => {
    const url = new URL(req.url ?? "", "http://x");
    const page = Number(url.searchParams.get("page"));
    const perPage = Number(url.searchParams.get("per_page"));
    const totalPages = Math.ceil(groups.length / perPage);
    sendJson(res, 200, groups.slice((page - 1) * perPage, page * perPage), {
      "x-total": String(groups.length),
      "x-total-pages": String(totalPages),
      "x-page": String(page),
      "x-per-page": String(perPage),
      "x-next-page": page < totalPages ? String(page + 1) : "",
      "x-prev-page": page > 1 ? String(page - 1) : "",
    });
  };

  it("parses GitLab's pagination headers", async () => {
    const server = await serve(pager);
    const page = await client(server.url).getPage<{ id: number }>("/groups", { page: 2, per_page: 2 });
    expect(page.items).toEqual([{ id: 3 }, { id: 4 }]);
    expect(page.pagination).toEqual({
      total: 5,
      totalPages: 3,
      page: 2,
      perPage: 2,
      nextPage: 3,
      prevPage: 1,
      nextLinkQuery: null,
    });
  });

  it("gives null for empty headers and for totals GitLab leaves out", async () => {
    const server = await serve((_req, res) => sendJson(res, 200, [], { "x-page": "1", "x-next-page": "", "x-prev-page": "" }));
    const { pagination } = await client(server.url).getPage("/groups");
    expect(pagination).toMatchObject({ total: null, totalPages: null, page: 1, nextPage: null, prevPage: null });
  });

  it("walks every page through x-next-page", async () => {
    const server = await serve(pager);
    const pages: number[][] = [];
    for await (const page of client(server.url).paginate<{ id: number }>("/groups", { top_level_only: true }, { perPage: 2 })) {
      pages.push(page.items.map((g) => g.id));
    }
    expect(pages).toEqual([[1, 2], [3, 4], [5]]);
    expect(server.requests.map((r) => r.url)).toEqual([
      "/api/v4/groups?top_level_only=true&per_page=2&page=1",
      "/api/v4/groups?top_level_only=true&per_page=2&page=2",
      "/api/v4/groups?top_level_only=true&per_page=2&page=3",
    ]);
  });

  it("follows the Link header under keyset pagination", async () => {
    const server = await serve((req, res) => {
      const after = new URL(req.url ?? "", "http://x").searchParams.get("id_after");
      if (after === "2") return sendJson(res, 200, [{ id: 3 }]);
      sendJson(res, 200, [{ id: 1 }, { id: 2 }], {
        link: `<${server.url}/api/v4/projects?id_after=2&pagination=keyset&per_page=2>; rel="next"`,
      });
    });
    const ids: number[] = [];
    for await (const page of client(server.url).paginate<{ id: number }>("/projects", { pagination: "keyset" }, { perPage: 2 })) {
      ids.push(...page.items.map((p) => p.id));
    }
    expect(ids).toEqual([1, 2, 3]);
  });

  it("refuses a list endpoint that does not answer a list", async () => {
    const server = await serve((_req, res) => sendJson(res, 200, { id: 1 }));
    expect((await failure(client(server.url).getPage("/groups"))).kind).toBe("bad_response");
  });
});

describe("retries", () => {
  /** Answers with the given statuses in order, then 200. */
  function sequence(steps: { status: number; headers?: http.OutgoingHttpHeaders }[]): Handler {
    let n = 0;
    return (_req, res) => {
      const step = steps[n++];
      if (!step) return sendJson(res, 200, { ok: true });
      sendJson(res, step.status, { message: `${step.status}` }, step.headers);
    };
  }

  it("honours Retry-After in seconds on 429", async () => {
    const server = await serve(sequence([{ status: 429, headers: { "retry-after": "7" } }, { status: 429, headers: { "retry-after": "2" } }]));
    const { waits, sleep } = recordingSleep();
    const { data } = await client(server.url, { maxRetries: 3, sleep }).get("/groups");
    expect(data).toEqual({ ok: true });
    expect(waits).toEqual([7000, 2000]);
    expect(server.requests).toHaveLength(3);
  });

  it("honours Retry-After as an HTTP date, capped", async () => {
    const soon = new Date(Date.now() + 20_000).toUTCString();
    const late = new Date(Date.now() + 3_600_000).toUTCString();
    const server = await serve(sequence([{ status: 429, headers: { "retry-after": soon } }, { status: 503, headers: { "retry-after": late } }]));
    const { waits, sleep } = recordingSleep();
    await client(server.url, { maxRetries: 3, sleep, maxRetryAfterMs: 60_000 }).get("/groups");
    expect(waits).toHaveLength(2);
    expect(waits[0]).toBeGreaterThan(17_000);
    expect(waits[0]).toBeLessThanOrEqual(20_000);
    expect(waits[1]).toBe(60_000);
  });

  it("backs off exponentially with jitter on 502, 503 and 504", async () => {
    const server = await serve(sequence([{ status: 502 }, { status: 503 }, { status: 504 }]));
    const { waits, sleep } = recordingSleep();
    await client(server.url, { maxRetries: 5, sleep, retryBaseDelayMs: 100, random: () => 0.5 }).get("/groups");
    // Equal jitter: half of 100·2^n fixed plus half of it times random().
    expect(waits).toEqual([75, 150, 300]);
  });

  it("keeps the jitter within its bounds and the delay under its cap", async () => {
    const server = await serve(sequence(Array.from({ length: 6 }, () => ({ status: 503 }))));
    const { waits, sleep } = recordingSleep();
    await client(server.url, { maxRetries: 6, sleep, retryBaseDelayMs: 100, retryMaxDelayMs: 1000 }).get("/x");
    const ceilings = [100, 200, 400, 800, 1000, 1000];
    waits.forEach((wait, i) => {
      expect(wait).toBeGreaterThanOrEqual((ceilings[i] ?? 0) / 2);
      expect(wait).toBeLessThanOrEqual(ceilings[i] ?? 0);
    });
  });

  it("gives up after maxRetries with the last error", async () => {
    const server = await serve((_req, res) => sendJson(res, 429, { message: "429 Too Many Requests" }, { "retry-after": "1" }));
    const { waits, sleep } = recordingSleep();
    const error = await failure(client(server.url, { maxRetries: 2, sleep }).get("/groups"));
    expect(error.kind).toBe("rate_limited");
    expect(error.status).toBe(429);
    expect(error.retryAfterMs).toBe(1000);
    expect(waits).toEqual([1000, 1000]);
    expect(server.requests).toHaveLength(3);
  });

  it.each([500, 502, 503, 504])("retries %i with backoff and jitter, then answers with the source's error", async (status) => {
    const server = await serve((_req, res) => sendJson(res, status, { message: `${status} Something` }));
    const { waits, sleep } = recordingSleep();
    const error = await failure(client(server.url, { maxRetries: 2, sleep, retryBaseDelayMs: 10, random: () => 0.5 }).get("/groups/1"));
    expect(error.kind).toBe("server_error");
    expect(error.retryable).toBe(true);
    expect(server.requests).toHaveLength(3);
    expect(waits).toEqual([8, 15]);
  });

  it("retries a connection reset", async () => {
    let n = 0;
    const server = await serve((req, res) => {
      if (n++ < 2) return req.socket.destroy();
      sendJson(res, 200, { ok: true });
    });
    const { waits, sleep } = recordingSleep();
    const { data } = await client(server.url, { maxRetries: 3, sleep, retryBaseDelayMs: 10, random: () => 0 }).get("/x");
    expect(data).toEqual({ ok: true });
    expect(waits).toEqual([5, 10]);
  });

  it("reports a reset that outlasts the retries as unreachable", async () => {
    const server = await serve((req) => req.socket.destroy());
    const { sleep } = recordingSleep();
    const error = await failure(client(server.url, { maxRetries: 1, sleep }).get("/x"));
    expect(error.kind).toBe("unreachable");
    expect(error.reason).toBe("reset");
    expect(server.requests).toHaveLength(2);
  });

  it.each([
    [404, "not_found"],
    [400, "bad_response"],
    [401, "unauthorized"],
    [403, "forbidden"],
    [422, "bad_response"],
  ])("does not retry %i", async (status, kind) => {
    const server = await serve((_req, res) => sendJson(res, status, { message: `${status} Something` }));
    const { waits, sleep } = recordingSleep();
    const error = await failure(client(server.url, { maxRetries: 3, sleep }).get("/groups/1"));
    expect(error.kind).toBe(kind);
    expect(error.status).toBe(status);
    expect(server.requests).toHaveLength(1);
    expect(waits).toEqual([]);
  });
});

describe("error messages", () => {
  it.each([
    [401, { message: "401 Unauthorized" }, "unauthorized", "The source instance rejected the personal access token (401 Unauthorized). Check that it is correct and has not expired or been revoked."],
    [403, { error: "insufficient_scope", error_description: "The request requires higher privileges than provided by the access token.", scope: "api read_api" }, "insufficient_scope", "The personal access token does not have the scope needed for /groups/1. Create a token with the api scope."],
    [403, { message: "403 Forbidden" }, "forbidden", "The source instance refused access to /groups/1 (403 Forbidden): 403 Forbidden."],
    [404, { message: "404 Group Not Found" }, "not_found", "The source instance has no /groups/1 (404 Not Found): 404 Group Not Found."],
    [500, { message: "500 Internal Server Error" }, "server_error", "The source instance failed to answer /groups/1 (HTTP 500): 500 Internal Server Error."],
  ])("%i %j is %s", async (status, body, kind, message) => {
    const server = await serve((_req, res) => sendJson(res, status, body));
    const error = await failure(client(server.url).get("/groups/1"));
    expect(error.kind).toBe(kind);
    expect(error.message).toBe(message);
    expect(JSON.stringify(error)).toBe(JSON.stringify({ kind, message, status }));
  });
});

describe("connections", () => {
  it("says the connection was refused", async () => {
    const server = await serve(() => undefined);
    await server.close();
    servers.length = 0;
    const error = await failure(client(server.url).get("/version"));
    expect(error.kind).toBe("unreachable");
    expect(error.reason).toBe("refused");
    expect(error.message).toBe("The source instance could not be reached: connection refused.");
  });

  it("says the connection timed out", async () => {
    // A resolver that never answers holds the socket in its connecting phase.
    const c = client("http://stuck.test", { connectTimeoutMs: 100, resolve: () => new Promise(() => undefined) });
    const error = await failure(c.get("/version"));
    expect(error.reason).toBe("timeout");
    expect(error.message).toBe("The source instance could not be reached: connection timed out.");
    expect(error.retryable).toBe(true);
  });

  it("says the host name could not be resolved", async () => {
    const c = client("http://nowhere.test", { resolve: async () => [] });
    const error = await failure(c.get("/version"));
    expect(error.reason).toBe("dns");
    expect(error.message).toBe("The source instance could not be reached: the host name nowhere.test could not be resolved.");
  });

  it("times out a source that stops answering", async () => {
    const server = await serve(() => undefined);
    const started = Date.now();
    const error = await failure(client(server.url, { timeoutMs: 150 }).get("/version"));
    expect(error.kind).toBe("unreachable");
    expect(error.reason).toBe("timeout");
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it("says a TLS certificate is not trusted, and trusts it when given its CA", async () => {
    const server = await serve((_req, res) => sendJson(res, 200, { version: "17.0.0" }), { tls: true });
    const error = await failure(client(server.url).get("/version"));
    expect(error.kind).toBe("unreachable");
    expect(error.reason).toBe("tls");
    expect(error.message).toBe("The source instance could not be reached: the TLS certificate is self-signed.");
    const trusted = await client(server.url, { ca: TEST_TLS_CERT }).get("/version");
    expect(trusted.data).toEqual({ version: "17.0.0" });
  });

  it("says when an https URL reaches a plain http server", async () => {
    const server = await serve((_req, res) => sendJson(res, 200, {}));
    const error = await failure(client(server.url.replace("http:", "https:")).get("/version"));
    expect(error.reason).toBe("tls");
    expect(error.message).toBe("The source instance could not be reached: the server did not answer with TLS.");
  });
});

describe("URL policy on every connection", () => {
  it("refuses 127.0.0.1 without allowLocal, before any request", async () => {
    const server = await serve((_req, res) => sendJson(res, 200, {}));
    expect(() => new SourceClient({ url: server.url, token: TOKEN, allowInsecure: true })).toThrow(
      expect.objectContaining({ kind: "local_address" }),
    );
    expect(server.requests).toHaveLength(0);
  });

  it("refuses a host name that resolves to a loopback address, at connect time", async () => {
    const server = await serve((_req, res) => sendJson(res, 200, {}));
    const resolve = async () => [{ address: "127.0.0.1", family: 4 as const }];
    const c = client(`http://gitlab.test:${server.port}`, { allowLocal: false, resolve });
    const error = await failure(c.get("/version"));
    expect(error.kind).toBe("local_address");
    expect(error.message).toContain("gitlab.test (127.0.0.1)");
    expect(server.requests).toHaveLength(0);
    // The same name with local sources allowed does reach the server: the refusal above was the policy.
    await client(`http://gitlab.test:${server.port}`, { resolve }).get("/version");
    expect(server.requests).toHaveLength(1);
  });

  it("refuses localhost through the system resolver", async () => {
    const server = await serve((_req, res) => sendJson(res, 200, {}));
    const error = await failure(client(`http://localhost:${server.port}`, { allowLocal: false }).get("/version"));
    expect(error.kind).toBe("local_address");
    expect(server.requests).toHaveLength(0);
  });

  it("does not retry a refused address", async () => {
    const { waits, sleep } = recordingSleep();
    const resolve = async () => [{ address: "10.0.0.1", family: 4 as const }];
    const error = await failure(client("http://gitlab.test", { allowLocal: false, resolve, maxRetries: 3, sleep }).get("/x"));
    expect(error.kind).toBe("local_address");
    expect(waits).toEqual([]);
  });

  it("refuses a redirect from an allowed host to a name that resolves to a forbidden address", async () => {
    // 127.0.0.2 stands for a public source (allow-listed); internal.test resolves to 127.0.0.1, still forbidden.
    const internal = await serve((_req, res) => sendJson(res, 200, { secret: true }));
    const publicSource = await serve(
      (_req, res) => {
        res.writeHead(302, { location: `http://internal.test:${internal.port}/api/v4/version` });
        res.end();
      },
      { host: "127.0.0.2" },
    );
    const resolve = async (name: string) => [{ address: name === "internal.test" ? "127.0.0.1" : "127.0.0.2", family: 4 as const }];
    const c = client(`http://public.test:${publicSource.port}`, { allowLocal: false, allowList: ["127.0.0.2"], resolve });
    const error = await failure(c.get("/version"));
    expect(error.kind).toBe("local_address");
    expect(publicSource.requests).toHaveLength(1);
    expect(internal.requests).toHaveLength(0);
  });

  it("refuses a redirect to a literal forbidden address", async () => {
    const internal = await serve((_req, res) => sendJson(res, 200, {}));
    const publicSource = await serve(
      (_req, res) => {
        res.writeHead(307, { location: `${internal.url}/latest/meta-data` });
        res.end();
      },
      { host: "127.0.0.2" },
    );
    const c = client(publicSource.url, { allowLocal: false, allowList: ["127.0.0.2"] });
    expect((await failure(c.get("/version"))).kind).toBe("local_address");
    expect(internal.requests).toHaveLength(0);
  });

  it("refuses a redirect from https to http unless insecure sources are allowed", async () => {
    const plain = await serve((_req, res) => sendJson(res, 200, {}));
    const secure = await serve(
      (_req, res) => {
        res.writeHead(301, { location: `${plain.url}/api/v4/version` });
        res.end();
      },
      { tls: true },
    );
    const c = client(secure.url, { allowInsecure: false, ca: TEST_TLS_CERT });
    expect((await failure(c.get("/version"))).kind).toBe("insecure_scheme");
    expect(plain.requests).toHaveLength(0);
  });
});

describe("redirects", () => {
  it("follows a same-origin redirect with the token", async () => {
    const server = await serve((req, res) => {
      if (req.url?.startsWith("/old")) {
        res.writeHead(301, { location: "/new/api/v4/version" });
        return res.end();
      }
      sendJson(res, 200, { version: "17.0.0" });
    });
    const { data } = await client(`${server.url}/old`).get("/version");
    expect(data).toEqual({ version: "17.0.0" });
    expect(server.requests[1]?.url).toBe("/new/api/v4/version");
    expect(server.requests[1]?.headers["private-token"]).toBe(TOKEN);
  });

  it("does not send the token to another origin", async () => {
    const storage = await serve((_req, res) => {
      res.writeHead(200, { "content-type": "application/octet-stream" });
      res.end("file");
    });
    const source = await serve(
      (_req, res) => {
        res.writeHead(302, { location: `${storage.url}/bucket/labels.ndjson.gz?signature=abc` });
        res.end();
      },
      { host: "127.0.0.2" },
    );
    const download = await client(source.url).stream("/groups/1/export_relations/download", { relation: "labels" });
    expect(await text(download.body)).toBe("file");
    expect(source.requests[0]?.headers["private-token"]).toBe(TOKEN);
    expect(storage.requests[0]?.url).toBe("/bucket/labels.ndjson.gz?signature=abc");
    expect(storage.requests[0]?.headers["private-token"]).toBeUndefined();
  });

  it("turns a POST into a GET on 303", async () => {
    const server = await serve((req, res) => {
      if (req.method === "POST") {
        res.writeHead(303, { location: "/api/v4/done" });
        return res.end();
      }
      sendJson(res, 200, { done: true });
    });
    await client(server.url).post("/start", { a: 1 });
    expect(server.requests.map((r) => `${r.method} ${r.url} ${r.body}`)).toEqual(['POST /api/v4/start {"a":1}', "GET /api/v4/done "]);
  });

  it("stops after five redirects", async () => {
    const server = await serve((req, res) => {
      res.writeHead(302, { location: `/hop${server.requests.length}` });
      res.end();
    });
    const error = await failure(client(server.url).get("/loop"));
    expect(error.kind).toBe("bad_response");
    expect(error.message).toBe("The source instance redirected more than 5 times.");
    expect(server.requests).toHaveLength(6);
  });
});

describe("stream", () => {
  it("returns the body as a stream with its length", async () => {
    const payload = Buffer.alloc(300_000, 7);
    const server = await serve((_req, res) => {
      res.writeHead(200, { "content-type": "application/octet-stream", "content-length": payload.length });
      res.end(payload);
    });
    const download = await client(server.url).stream("/groups/1/export_relations/download", { relation: "labels" });
    expect(download.contentLength).toBe(payload.length);
    const chunks: Buffer[] = [];
    for await (const chunk of download.body) chunks.push(chunk as Buffer);
    expect(Buffer.concat(chunks).equals(payload)).toBe(true);
    expect(server.requests[0]?.headers["accept-encoding"]).toBe("identity");
  });

  it("refuses a download announced over the limit", async () => {
    const server = await serve((_req, res) => {
      res.writeHead(200, { "content-length": 5000 });
      res.end(Buffer.alloc(5000));
    });
    const error = await failure(client(server.url).stream("/d", {}, { maxBytes: 1000 }));
    expect(error.kind).toBe("too_large");
  });

  it("cuts off a download that streams past the limit without announcing it", async () => {
    const server = await serve((_req, res) => {
      res.writeHead(200, { "content-type": "application/octet-stream" });
      res.write(Buffer.alloc(800));
      res.end(Buffer.alloc(800));
    });
    const download = await client(server.url).stream("/d", {}, { maxBytes: 1000 });
    await expect(text(download.body)).rejects.toMatchObject({ kind: "too_large" });
  });

  it("retries before the body starts, then hands over the stream", async () => {
    let n = 0;
    const server = await serve((_req, res) => {
      if (n++ === 0) return sendJson(res, 503, {});
      res.end("payload");
    });
    const { waits, sleep } = recordingSleep();
    const download = await client(server.url, { maxRetries: 2, sleep, random: () => 0 }).stream("/d");
    expect(await text(download.body)).toBe("payload");
    expect(waits).toEqual([500]);
  });

  it("maps an error response of a download to its kind", async () => {
    const server = await serve((_req, res) => sendJson(res, 404, { message: "404 Export Not Found" }));
    const error = await failure(client(server.url).stream("/groups/1/export_relations/download"));
    expect(error.kind).toBe("not_found");
    expect(error.serverMessage).toBe("404 Export Not Found");
  });

  it("fails the body stream with a timeout when the source stalls mid-download", async () => {
    const server = await serve((_req, res) => {
      res.writeHead(200, { "content-length": 1000 });
      res.write(Buffer.alloc(100));
    });
    const download = await client(server.url, { timeoutMs: 150 }).stream("/d");
    await expect(text(download.body)).rejects.toMatchObject({ kind: "unreachable", reason: "timeout" });
  });

  it("fails the body stream as unreachable when the connection drops mid-download", async () => {
    const server = await serve((req, res) => {
      res.writeHead(200, { "content-length": 1000 });
      res.write(Buffer.alloc(100), () => setTimeout(() => req.socket.destroy(), 20));
    });
    const download = await client(server.url).stream("/d");
    await expect(text(download.body)).rejects.toMatchObject({ kind: "unreachable", reason: "reset" });
  });

  it("releases the connection when the consumer stops reading", async () => {
    let closed: Promise<unknown> = Promise.resolve();
    const server = await serve((req, res) => {
      closed = new Promise((resolve) => req.socket.on("close", resolve));
      res.writeHead(200);
      res.write(Buffer.alloc(64 * 1024));
    });
    const download = await client(server.url).stream("/d");
    download.body.destroy();
    const timeout = new Promise((_, reject) => setTimeout(() => reject(new Error("socket still open")), 2000));
    await Promise.race([closed, timeout]);
  });
});

describe("secrecy", () => {
  it("never puts the token in an error message, a serialised error or a log line", async () => {
    const { lines, logger } = memoryLogger();
    const echo: Handler = (req, res) => {
      const token = String(req.headers["private-token"]);
      const path = req.url ?? "";
      if (path.includes("/401")) return sendJson(res, 401, { message: `401 Unauthorized ${token}` });
      if (path.includes("/403")) return sendJson(res, 403, { message: `token ${token} lacks access` });
      if (path.includes("/404")) return sendJson(res, 404, { message: `${token} not found` });
      if (path.includes("/500")) return sendJson(res, 500, { error: `crash with ${token}` });
      if (path.includes("/422")) return sendJson(res, 422, { message: { token: [token] } });
      if (path.includes("/429")) return sendJson(res, 429, { message: token }, { "retry-after": "1" });
      if (path.includes("/reset")) return req.socket.destroy();
      if (path.includes("/html")) {
        res.writeHead(200, { "content-type": "text/html" });
        return res.end(`<p>${token}</p>`);
      }
      res.writeHead(302, { location: `/api/v4/401?private_token=${token}` });
      res.end();
    };
    const server = await serve(echo);
    const { sleep } = recordingSleep();
    const c = client(server.url, { logger, maxRetries: 1, sleep });
    const errors: SourceError[] = [];
    for (const path of ["/401", "/403", "/404", "/500", "/422", "/429", "/reset", "/html", "/redirect"]) {
      errors.push(await failure(c.get(path)));
    }
    expect(errors.map((e) => e.kind)).toEqual([
      "unauthorized",
      "forbidden",
      "not_found",
      "server_error",
      "bad_response",
      "rate_limited",
      "unreachable",
      "bad_response",
      "unauthorized",
    ]);
    const { inspect } = await import("node:util");
    for (const error of errors) {
      expect(error.message).not.toContain(TOKEN);
      expect(error.serverMessage ?? "").not.toContain(TOKEN);
      expect(JSON.stringify(error)).not.toContain(TOKEN);
      expect(inspect(error, { depth: 10 })).not.toContain(TOKEN);
      expect(String(error.stack)).not.toContain(TOKEN);
    }
    expect(errors[1]?.serverMessage).toBe("token [REDACTED] lacks access");
    // The logger did log every request and retry; none of those lines carries the token.
    expect(lines.length).toBeGreaterThanOrEqual(10);
    expect(lines.some((l) => l.includes("retrying source request"))).toBe(true);
    for (const line of lines) expect(line).not.toContain(TOKEN);
    // Proof that the server did receive it, so the checks above were not vacuous.
    expect(server.requests[0]?.headers["private-token"]).toBe(TOKEN);
  });

  it("refuses a token that cannot be sent as a header", () => {
    for (const token of ["", "   ", "abc\r\nX-Evil: 1", "tök"]) {
      expect(() => new SourceClient({ url: "https://gitlab.example.com", token })).toThrow(
        expect.objectContaining({ kind: "unauthorized" }),
      );
    }
  });
});

describe("connections", () => {
  it("are kept alive from one client to the next under the same URL policy, and never reused under another", async () => {
    const ports: number[] = [];
    const server = await serve((req, res) => {
      ports.push(req.socket.remotePort!);
      sendJson(res, 200, { ok: true });
    });
    // One client per job, as the import engine makes them: the second job's request goes over the first one's connection.
    const first = client(server.url);
    await first.get("/version");
    first.close();
    await client(server.url).get("/version");
    expect(ports[1]).toBe(ports[0]);
    // Another policy (here an allow list) connects anew: its connections are checked against its own rules.
    await client(server.url, { allowList: ["127.0.0.1"] }).get("/version");
    expect(ports[2]).not.toBe(ports[0]);
  });
});
