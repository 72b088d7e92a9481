import { describe, expect, it } from "vitest";
import { findFileExport } from "@/lib/exchange";
import { callRaw } from "@/test/exchange/route-call";
import { exportEnded, postExport, uploadReceiverFixture } from "@/test/exchange/upload-receiver";
import { GET as status } from "./route";

// A real installation's policy: https only, no private or loopback addresses (the file's own process and queue).
process.env.FERRY_ALLOW_LOCAL_SOURCES = "false";
process.env.FERRY_ALLOW_INSECURE_SOURCES = "false";
process.env.FERRY_QUEUE_SCHEMA = "pgboss_project_export_refused_test";

const receiver = uploadReceiverFixture();
const { received } = receiver;

const post = (body: unknown) => postExport(receiver, body);

describe("POST /projects/:id/export with upload[url] under the default URL policy", () => {
  it("refuses a local http server and a loopback https address at once: 400, nothing started, nothing sent", async () => {
    const plain = await post({ upload: { url: `http://127.0.0.1:${receiver.port}/upload` } });
    expect(plain.status).toBe(400);
    expect(await plain.json()).toEqual({ message: "The upload URL must use https://. An administrator can allow http:// sources." });
    const loopback = await post({ upload: { url: `https://127.0.0.1:${receiver.port}/upload`, http_method: "POST" } });
    expect(loopback.status).toBe(400);
    expect(await loopback.json()).toEqual({ message: "The upload URL points to a loopback address, 127.0.0.1, which is not allowed. An administrator can allow local sources." });
    const credentials = await post({ upload: { url: "https://user:secret@example.com/upload" } });
    expect(await credentials.json()).toEqual({ message: "The upload URL must not contain a user name or password." });
    expect(await findFileExport({ kind: "project", id: receiver.projectId }, receiver.userId)).toBeUndefined();
    expect(received).toEqual([]);
  });

  it("checks the addresses a host name resolves to when it connects: the export fails and says why", async () => {
    const started = await post({ upload: { url: `https://localhost:${receiver.port}/upload?X-Amz-Signature=secret` } });
    expect(started.status).toBe(202);
    const row = await exportEnded(receiver);
    expect(row).toMatchObject({ status: "failed", filePath: null });
    expect(row.error).toMatch(/^The export could not be uploaded: The upload URL points to a loopback address, localhost \((127\.0\.0\.1|::1)\), which is not allowed\./);
    expect(row.error).not.toContain("secret");
    expect(received).toEqual([]);
    const response = await callRaw(status, `/api/v4/projects/${receiver.projectId}/export`, { token: receiver.token, params: { id: String(receiver.projectId) } });
    expect(await response.json()).toMatchObject({ export_status: "none" });
  }, 60_000);
});
