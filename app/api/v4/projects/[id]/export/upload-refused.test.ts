import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { exchangeJobHandlers, findFileExport } from "@/lib/exchange";
import { startWorker, stopBoss, type RunningWorker } from "@/lib/jobs";
import { createGroup } from "@/lib/groups";
import { createProject } from "@/lib/projects";
import { tokenFor } from "@/test/helpers/api";
import { makeUser, unique } from "@/test/helpers/factories";
import { callRaw } from "@/test/exchange/route-call";
import { GET as status, POST as startExport } from "./route";

// A real installation's policy: https only, no private or loopback addresses (the file's own process and queue).
process.env.FERRY_ALLOW_LOCAL_SOURCES = "false";
process.env.FERRY_ALLOW_INSECURE_SOURCES = "false";
process.env.FERRY_QUEUE_SCHEMA = "pgboss_project_export_refused_test";

let worker: RunningWorker;
let server: http.Server;
let port: number;
const received: string[] = [];
let token: string;
let userId: number;
let projectId: number;

beforeAll(async () => {
  worker = await startWorker({ concurrency: 1, handlers: exchangeJobHandlers, pollingIntervalSeconds: 0.5 });
  server = http.createServer((req, res) => {
    received.push(`${req.method} ${req.url}`);
    req.resume();
    req.on("end", () => res.writeHead(200).end());
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  port = (server.address() as AddressInfo).port;
  const user = await makeUser();
  userId = user.id;
  const group = await createGroup(user, { name: "Uploads", path: unique("uploads") });
  projectId = (await createProject(user, { name: "Up", namespaceId: group.id, initializeWithReadme: true })).id;
  token = await tokenFor(user.id);
});

afterAll(async () => {
  server?.close();
  await worker?.stop();
  await stopBoss();
});

const post = (body: unknown) => callRaw(startExport, `/api/v4/projects/${projectId}/export`, { token, method: "POST", params: { id: String(projectId) }, body });

describe("POST /projects/:id/export with upload[url] under the default URL policy", () => {
  it("refuses a local http server and a loopback https address at once: 400, nothing started, nothing sent", async () => {
    const plain = await post({ upload: { url: `http://127.0.0.1:${port}/upload` } });
    expect(plain.status).toBe(400);
    expect(await plain.json()).toEqual({ message: "The upload URL must use https://. An administrator can allow http:// sources." });
    const loopback = await post({ upload: { url: `https://127.0.0.1:${port}/upload`, http_method: "POST" } });
    expect(loopback.status).toBe(400);
    expect(await loopback.json()).toEqual({ message: "The upload URL points to a loopback address, 127.0.0.1, which is not allowed. An administrator can allow local sources." });
    const credentials = await post({ upload: { url: "https://user:secret@example.com/upload" } });
    expect(await credentials.json()).toEqual({ message: "The upload URL must not contain a user name or password." });
    expect(await findFileExport({ kind: "project", id: projectId }, userId)).toBeUndefined();
    expect(received).toEqual([]);
  });

  it("checks the addresses a host name resolves to when it connects: the export fails and says why", async () => {
    const started = await post({ upload: { url: `https://localhost:${port}/upload?X-Amz-Signature=secret` } });
    expect(started.status).toBe(202);
    let row = await findFileExport({ kind: "project", id: projectId }, userId);
    for (let i = 0; i < 300 && row?.status !== "failed" && row?.status !== "finished"; i++) {
      await new Promise((r) => setTimeout(r, 100));
      row = await findFileExport({ kind: "project", id: projectId }, userId);
    }
    expect(row).toMatchObject({ status: "failed", filePath: null });
    expect(row!.error).toMatch(/^The export could not be uploaded: The upload URL points to a loopback address, localhost \((127\.0\.0\.1|::1)\), which is not allowed\./);
    expect(row!.error).not.toContain("secret");
    expect(received).toEqual([]);
    const response = await callRaw(status, `/api/v4/projects/${projectId}/export`, { token, params: { id: String(projectId) } });
    expect(await response.json()).toMatchObject({ export_status: "none" });
  }, 60_000);
});
