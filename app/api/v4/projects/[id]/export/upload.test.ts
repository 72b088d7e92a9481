import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { callRaw } from "@/test/exchange/route-call";
import { exportEnded, postExport, uploadReceiverFixture } from "@/test/exchange/upload-receiver";
import { POST as startExport } from "./route";
import { GET as download } from "./download/route";

// Local test servers over http are what an administrator allows here (FERRY_ALLOW_LOCAL/INSECURE_SOURCES), in this
// file's process only; upload-refused.test.ts checks the default policy.
process.env.FERRY_ALLOW_LOCAL_SOURCES = "true";
process.env.FERRY_ALLOW_INSECURE_SOURCES = "true";
process.env.FERRY_QUEUE_SCHEMA = "pgboss_project_export_upload_test";

const receiver = uploadReceiverFixture((url) => (url.startsWith("/broken") ? 500 : 200));
const { received } = receiver;
const base = () => `http://127.0.0.1:${receiver.port}`;

const post = (body: unknown) => postExport(receiver, body);
const ended = () => exportEnded(receiver);

describe("POST /projects/:id/export with upload[url] (GitLab's WebUploadStrategy)", () => {
  it("sends the archive with PUT by default, as application/gzip, the very file the download gives", async () => {
    expect((await post({ upload: { url: `${base()}/put-here?signature=abc` } })).status).toBe(202);
    expect((await ended()).status).toBe("finished");
    expect(received).toHaveLength(1);
    const [put] = received;
    expect(put).toMatchObject({ method: "PUT", url: "/put-here?signature=abc", type: "application/gzip", length: String(put!.body.length) });
    const response = await callRaw(download, `/api/v4/projects/${receiver.projectId}/export/download`, { token: receiver.token, params: { id: String(receiver.projectId) } });
    const bytes = Buffer.from(await response.arrayBuffer());
    const sha = (data: Buffer) => createHash("sha256").update(data).digest("hex");
    expect(sha(put!.body)).toBe(sha(bytes));
  }, 60_000);

  it("uses POST when asked (form keys too), and fails the export when the server refuses the file", async () => {
    const form = await startExport(
      new Request(`http://ferry.test/api/v4/projects/${receiver.projectId}/export`, {
        method: "POST",
        headers: { "private-token": receiver.token, "content-type": "application/x-www-form-urlencoded" },
        body: `upload[url]=${encodeURIComponent(`${base()}/post-here`)}&upload[http_method]=POST`,
      }),
      { params: Promise.resolve({ id: String(receiver.projectId) }) },
    );
    expect(form.status).toBe(202);
    expect((await ended()).status).toBe("finished");
    expect(received.at(-1)).toMatchObject({ method: "POST", url: "/post-here", type: "application/gzip" });

    expect((await post({ upload: { url: `${base()}/broken` } })).status).toBe(202);
    const failed = await ended();
    expect(failed).toMatchObject({ status: "failed", filePath: null, error: "The export could not be uploaded: The upload URL answered 500." });
  }, 60_000);
});
