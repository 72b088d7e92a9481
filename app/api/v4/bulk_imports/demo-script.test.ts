import { spawn } from "node:child_process";
import http from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { tokenFor } from "@/test/helpers/api";
import { makeUser } from "@/test/helpers/factories";
import { runImportWorker } from "@/test/helpers/import-worker";
import { DEFAULT_TOKEN, startTestSource, type TestSource } from "@/test/source";
import { POST as cancelImport } from "./[import_id]/cancel/route";
import { GET as listFailures } from "./[import_id]/entities/[entity_id]/failures/route";
import { GET as getEntity } from "./[import_id]/entities/[entity_id]/route";
import { GET as listImportEntities } from "./[import_id]/entities/route";
import { GET as getImport } from "./[import_id]/route";
import { GET as listAllEntities } from "./entities/route";
import { GET as listImports, POST as createImport } from "./route";

runImportWorker("pgboss_bulk_api_demo_test");

type Handler = (request: Request, context: { params: Promise<Record<string, string>> }) => Promise<Response>;
const ROUTES: [string, RegExp, Handler][] = [
  ["GET", /^\/api\/v4\/bulk_imports$/, listImports as Handler],
  ["POST", /^\/api\/v4\/bulk_imports$/, createImport as Handler],
  ["GET", /^\/api\/v4\/bulk_imports\/entities$/, listAllEntities as Handler],
  ["GET", /^\/api\/v4\/bulk_imports\/(?<import_id>[^/]+)$/, getImport as Handler],
  ["POST", /^\/api\/v4\/bulk_imports\/(?<import_id>[^/]+)\/cancel$/, cancelImport as Handler],
  ["GET", /^\/api\/v4\/bulk_imports\/(?<import_id>[^/]+)\/entities$/, listImportEntities as Handler],
  ["GET", /^\/api\/v4\/bulk_imports\/(?<import_id>[^/]+)\/entities\/(?<entity_id>[^/]+)$/, getEntity as Handler],
  ["GET", /^\/api\/v4\/bulk_imports\/(?<import_id>[^/]+)\/entities\/(?<entity_id>[^/]+)\/failures$/, listFailures as Handler],
];

/** Ferry's bulk_imports route handlers behind a real HTTP port, routed as Next routes them. */
function serveRoutes(): Promise<http.Server> {
  const server = http.createServer(async (req, res) => {
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    const route = ROUTES.map(([method, pattern, handler]) => ({ method, match: pattern.exec(url.pathname), handler })).find((r) => r.method === req.method && r.match);
    if (!route) {
      res.writeHead(404).end('{"error":"404 Not Found"}');
      return;
    }
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const headers = new Headers(Object.entries(req.headers).flatMap(([k, v]) => (typeof v === "string" ? [[k, v] as [string, string]] : [])));
    const request = new Request(new URL(req.url ?? "/", `http://${req.headers.host}`), { method: req.method, headers, body: chunks.length ? Buffer.concat(chunks) : undefined });
    const response = await route.handler(request, { params: Promise.resolve({ ...route.match!.groups }) });
    res.writeHead(response.status, Object.fromEntries(response.headers));
    res.end(Buffer.from(await response.arrayBuffer()));
  });
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve(server)));
}

let server: http.Server;
let source: TestSource;
beforeAll(async () => {
  server = await serveRoutes();
  // Slow enough exports that the script's second import is still running when it cancels it.
  source = await startTestSource({ version: "17.8.0-ee", batchSize: 3, exportDelayMs: 300 });
});
afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  await source.close();
});

describe("scripts/bulk-import-demo.ts", () => {
  it("starts, follows, lists, reads stats and failures, and cancels over plain HTTP", async () => {
    const user = await makeUser();
    const env = {
      ...process.env,
      FERRY_URL: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
      FERRY_TOKEN: await tokenFor(user.id),
      SOURCE_URL: source.url,
      SOURCE_TOKEN: DEFAULT_TOKEN,
      SOURCE_GROUP: source.group(4351).path,
      DEMO_TIMEOUT_SECONDS: "60",
    };
    const root = path.resolve(import.meta.dirname, "../../../..");
    const child = spawn(process.execPath, ["--import", "tsx", "scripts/bulk-import-demo.ts"], { cwd: root, env });
    let output = "";
    child.stdout.on("data", (chunk) => (output += String(chunk)));
    child.stderr.on("data", (chunk) => (output += String(chunk)));
    const code = await new Promise<number | null>((resolve) => child.on("exit", resolve));
    expect(code, output).toBe(0);
    expect(output).toMatch(/201 \{"id":\d+,"status":"created"/);
    expect(output).toMatch(/import \d+: finished/);
    expect(output).toMatch(/x-total 1, x-total-pages 1/);
    expect(output).toMatch(/labels\s+source 10\s+fetched 10\s+imported 10/);
    expect(output).toMatch(/finished entities across all my imports: 3/);
    expect(output).toMatch(/entity \d+: 0 failure\(s\)/);
    expect(output).toMatch(/200 \{"id":\d+,"status":"canceled"/);
    expect(output).toMatch(/: canceled\n/);
  }, 90_000);
});
