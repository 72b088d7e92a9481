import http from "node:http";
import type { AddressInfo } from "node:net";
import { Readable } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { tokenFor } from "@/test/helpers/api";
import { makeUser } from "@/test/helpers/factories";
import { POST as createGroup } from "./groups/route";
import { POST as createBulkImport } from "./bulk_imports/route";

type Route = (request: Request, context: { params: Promise<Record<string, never>> }) => Promise<Response>;

const MIB = 1024 * 1024;
const UPLOAD_BYTES = 300 * MIB;

/** A real HTTP server in front of route handlers, handing them the socket's body as a stream, as Next does. */
function serve(routes: Record<string, Route>) {
  return http.createServer(async (req, res) => {
    const url = new URL(req.url ?? "/", "http://ferry.test");
    const headers = new Headers();
    for (const [key, value] of Object.entries(req.headers)) if (typeof value === "string") headers.set(key, value);
    const body = Readable.toWeb(req) as unknown as ReadableStream<Uint8Array>;
    const request = new Request(url, { method: req.method, headers, body, duplex: "half" } as RequestInit);
    const response = await routes[url.pathname]!(request, { params: Promise.resolve({}) });
    res.writeHead(response.status, Object.fromEntries(response.headers));
    res.end(Buffer.from(await response.arrayBuffer()));
  });
}

interface Upload {
  status: number;
  body: string;
  sentBytes: number;
  peakRssGrowth: number;
}

/**
 * Streams `bytes` of JSON-looking data to `path` in 64 KiB chunks, honouring backpressure, until the server answers
 * or hangs up, while sampling this process's RSS (client and server both live here, so the figure covers both).
 */
async function upload(port: number, path: string, token: string, bytes: number, declareLength: boolean): Promise<Upload> {
  const baseline = process.memoryUsage.rss();
  let peak = baseline;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage.rss())), 10);
  const headers: Record<string, string> = { "content-type": "application/json", "private-token": token };
  if (declareLength) headers["content-length"] = String(bytes);
  const request = http.request({ host: "127.0.0.1", port, path, method: "POST", headers });
  let answered = false;
  let sentBytes = 0;
  const response = new Promise<{ status: number; body: string }>((resolve, reject) => {
    request.on("response", (res) => {
      answered = true;
      const chunks: Buffer[] = [];
      res.on("data", (chunk: Buffer) => chunks.push(chunk));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString() }));
    });
    request.on("error", (error) => (answered ? undefined : reject(error)));
  });
  const chunk = Buffer.alloc(64 * 1024, "a");
  request.write("{");
  try {
    while (sentBytes < bytes && !answered && !request.destroyed) {
      sentBytes += chunk.length;
      if (!request.write(chunk)) await new Promise((resolve) => (request.once("drain", resolve), request.once("close", resolve)));
    }
    if (!request.destroyed) request.end();
  } catch {
    // The server hung up on the rest of the upload: what a 413 with Connection: close does.
  }
  const answer = await response;
  clearInterval(sampler);
  peak = Math.max(peak, process.memoryUsage.rss());
  return { ...answer, sentBytes, peakRssGrowth: peak - baseline };
}

describe("request body limit (FERRY_API_MAX_BODY_BYTES, 1 MiB by default)", () => {
  const server = serve({ "/api/v4/groups": createGroup as Route, "/api/v4/bulk_imports": createBulkImport as Route });
  let port = 0;
  let token = "";

  beforeAll(async () => {
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    port = (server.address() as AddressInfo).port;
    token = await tokenFor((await makeUser()).id);
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it.each([
    ["/api/v4/groups", false],
    ["/api/v4/bulk_imports", false],
    ["/api/v4/groups", true],
  ])("POST %s with 300 MB (Content-Length given: %s) answers 413 early and keeps RSS flat", async (path, declareLength) => {
    const result = await upload(port, path, token, UPLOAD_BYTES, declareLength);
    console.info(`${path} ${declareLength ? "with" : "without"} Content-Length: ${result.status}, sent ${(result.sentBytes / MIB).toFixed(1)} MiB, peak RSS growth ${(result.peakRssGrowth / MIB).toFixed(1)} MiB`);
    expect(result.status).toBe(413);
    expect(JSON.parse(result.body)).toEqual({ error: "Request body too large" });
    // The answer comes long before the client is done: the rest is never read, let alone buffered.
    expect(result.sentBytes).toBeLessThan(UPLOAD_BYTES / 2);
    expect(result.peakRssGrowth).toBeLessThan(64 * MIB);
  }, 120_000);
});
