// What the project export upload tests share: a worker that runs the export, a project to export, and an HTTP server
// standing in for the upload target (an object store's pre-signed URL) that records every request it gets.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll } from "vitest";
import { exchangeJobHandlers, findFileExport } from "@/lib/exchange";
import { createGroup } from "@/lib/groups";
import { startWorker, stopBoss, type RunningWorker } from "@/lib/jobs";
import { createProject } from "@/lib/projects";
import { tokenFor } from "@/test/helpers/api";
import { makeUser, unique } from "@/test/helpers/factories";
import { POST as startExport } from "@/app/api/v4/projects/[id]/export/route";
import { callRaw } from "./route-call";

export interface ReceivedUpload {
  method: string;
  url: string;
  type: string | undefined;
  length: string | undefined;
  body: Buffer;
}

export interface UploadReceiver {
  /** The requests the server got, in order. */
  received: ReceivedUpload[];
  /** The server's port on 127.0.0.1. */
  port: number;
  token: string;
  userId: number;
  projectId: number;
}

/**
 * Registers the file's beforeAll/afterAll: the worker, the server (it answers `status(url)`, 200 by default) and a
 * project with a README of a fresh user. The fields are set once beforeAll has run.
 */
export function uploadReceiverFixture(status: (url: string) => number = () => 200): UploadReceiver {
  const receiver: UploadReceiver = { received: [], port: 0, token: "", userId: 0, projectId: 0 };
  let worker: RunningWorker | undefined;
  let server: http.Server | undefined;
  beforeAll(async () => {
    worker = await startWorker({ concurrency: 1, handlers: exchangeJobHandlers, pollingIntervalSeconds: 0.5 });
    server = http.createServer(async (req, res) => {
      const chunks: Buffer[] = [];
      for await (const chunk of req) chunks.push(chunk as Buffer);
      receiver.received.push({ method: req.method!, url: req.url!, type: req.headers["content-type"], length: req.headers["content-length"], body: Buffer.concat(chunks) });
      res.writeHead(status(req.url!)).end();
    });
    await new Promise<void>((resolve) => server!.listen(0, "127.0.0.1", resolve));
    receiver.port = (server.address() as AddressInfo).port;
    const user = await makeUser();
    receiver.userId = user.id;
    const group = await createGroup(user, { name: "Uploads", path: unique("uploads") });
    receiver.projectId = (await createProject(user, { name: "Up", namespaceId: group.id, initializeWithReadme: true })).id;
    receiver.token = await tokenFor(user.id);
  });
  afterAll(async () => {
    server?.close();
    await worker?.stop();
    await stopBoss();
  });
  return receiver;
}

/** POST /projects/:id/export as the project's owner, with a JSON body. */
export const postExport = ({ projectId, token }: UploadReceiver, body: unknown) =>
  callRaw(startExport, `/api/v4/projects/${projectId}/export`, { token, method: "POST", params: { id: String(projectId) }, body });

/** The user's export of the project once it has finished or failed (within 30 s). */
export async function exportEnded({ projectId, userId }: UploadReceiver) {
  for (let i = 0; i < 300; i++) {
    const row = await findFileExport({ kind: "project", id: projectId }, userId);
    if (row?.status === "finished" || row?.status === "failed") return row;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error("the export did not end");
}
