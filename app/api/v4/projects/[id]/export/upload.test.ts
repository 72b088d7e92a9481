import { createHash } from "node:crypto";
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
import { POST as startExport } from "./route";
import { GET as download } from "./download/route";

// Local test servers over http are what an administrator allows here (FERRY_ALLOW_LOCAL/INSECURE_SOURCES), in this
// file's process only; upload-refused.test.ts checks the default policy.
process.env.FERRY_ALLOW_LOCAL_SOURCES = "true";
process.env.FERRY_ALLOW_INSECURE_SOURCES = "true";
process.env.FERRY_QUEUE_SCHEMA = "pgboss_project_export_upload_test";

interface Received {
  method: string;
  url: string;
  type: string | undefined;
  length: string | undefined;
  body: Buffer;
}

let worker: RunningWorker;
let server: http.Server;
let base: string;
const received: Received[] = [];
let token: string;
let userId: number;
let projectId: number;

beforeAll(async () => {
  worker = await startWorker({ concurrency: 1, handlers: exchangeJobHandlers, pollingIntervalSeconds: 0.5 });
  server = http.createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    received.push({ method: req.method!, url: req.url!, type: req.headers["content-type"], length: req.headers["content-length"], body: Buffer.concat(chunks) });
    res.writeHead(req.url?.startsWith("/broken") ? 500 : 200).end();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
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

async function ended() {
  for (let i = 0; i < 300; i++) {
    const row = await findFileExport({ kind: "project", id: projectId }, userId);
    if (row?.status === "finished" || row?.status === "failed") return row;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error("the export did not end");
}

describe("POST /projects/:id/export with upload[url] (GitLab's WebUploadStrategy)", () => {
  it("sends the archive with PUT by default, as application/gzip, the very file the download gives", async () => {
    expect((await post({ upload: { url: `${base}/put-here?signature=abc` } })).status).toBe(202);
    expect((await ended()).status).toBe("finished");
    expect(received).toHaveLength(1);
    const [put] = received;
    expect(put).toMatchObject({ method: "PUT", url: "/put-here?signature=abc", type: "application/gzip", length: String(put!.body.length) });
    const response = await callRaw(download, `/api/v4/projects/${projectId}/export/download`, { token, params: { id: String(projectId) } });
    const bytes = Buffer.from(await response.arrayBuffer());
    const sha = (data: Buffer) => createHash("sha256").update(data).digest("hex");
    expect(sha(put!.body)).toBe(sha(bytes));
  }, 60_000);

  it("uses POST when asked (form keys too), and fails the export when the server refuses the file", async () => {
    const form = await startExport(
      new Request(`http://ferry.test/api/v4/projects/${projectId}/export`, {
        method: "POST",
        headers: { "private-token": token, "content-type": "application/x-www-form-urlencoded" },
        body: `upload[url]=${encodeURIComponent(`${base}/post-here`)}&upload[http_method]=POST`,
      }),
      { params: Promise.resolve({ id: String(projectId) }) },
    );
    expect(form.status).toBe(202);
    expect((await ended()).status).toBe("finished");
    expect(received.at(-1)).toMatchObject({ method: "POST", url: "/post-here", type: "application/gzip" });

    expect((await post({ upload: { url: `${base}/broken` } })).status).toBe(202);
    const failed = await ended();
    expect(failed).toMatchObject({ status: "failed", filePath: null, error: "The export could not be uploaded: The upload URL answered 500." });
  }, 60_000);
});
