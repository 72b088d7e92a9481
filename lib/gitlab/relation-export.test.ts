import fs from "node:fs";
import path from "node:path";
import zlib from "node:zlib";
import { afterEach, describe, expect, it } from "vitest";
import { SourceClient } from "./client";
import { readNdjson } from "./ndjson";
import { downloadRelation, exportStatus, normaliseExportStatus, startExport } from "./relation-export";
import { sendJson, startServer, type Handler, type TestServer } from "./test-server";

const LABELS = fs.readFileSync(path.join(import.meta.dirname, "fixtures", "labels.ndjson"));
// GitLab's documented example (doc/api/group_relations_export.md).
const DOC_STATUS = [
  {
    relation: "badges",
    status: 1,
    error: null,
    updated_at: "2021-05-04T11:25:20.423Z",
    batched: true,
    batches_count: 1,
    batches: [{ status: 1, batch_number: 1, objects_count: 1, error: null, updated_at: "2021-05-04T11:25:20.423Z" }],
  },
  { relation: "boards", status: 1, error: null, updated_at: "2021-05-04T11:25:20.085Z", batched: false, batches_count: 0 },
];

let server: TestServer | undefined;
let client: SourceClient | undefined;

async function source(handler: Handler) {
  server = await startServer(handler);
  client = new SourceClient({ url: server.url, token: "glpat-export-test-123456", allowInsecure: true, allowLocal: true, maxRetries: 0 });
  return { server, client };
}

afterEach(async () => {
  client?.close();
  await server?.close();
});

describe("startExport", () => {
  it.each([
    ["group", true],
    ["project", false],
  ] as const)("POSTs the %s's export_relations with batched=%s", async (kind, batched) => {
    const { server, client } = await source((_req, res) => sendJson(res, 202, { message: "202 Accepted" }));
    await startExport(client, kind === "group" ? "parent/child group" : 7, { kind, batched });
    const [request] = server.requests;
    expect(request?.method).toBe("POST");
    expect(request?.url).toBe(kind === "group" ? "/api/v4/groups/parent%2Fchild%20group/export_relations" : "/api/v4/projects/7/export_relations");
    expect(JSON.parse(request?.body ?? "")).toEqual({ batched });
  });

  it("fails when the source cannot start the export", async () => {
    const { client } = await source((_req, res) => sendJson(res, 500, { message: "Group relations export could not be started." }));
    await expect(startExport(client, 1, { kind: "group", batched: false })).rejects.toMatchObject({
      kind: "server_error",
      serverMessage: "Group relations export could not be started.",
    });
  });
});

describe("exportStatus", () => {
  it("normalises GitLab's array of statuses", async () => {
    const { server, client } = await source((_req, res) => sendJson(res, 200, DOC_STATUS));
    const statuses = await exportStatus(client, 5, { kind: "group" });
    expect(server.requests[0]?.url).toBe("/api/v4/groups/5/export_relations/status");
    expect(statuses).toEqual([
      {
        relation: "badges",
        status: "finished",
        error: null,
        updatedAt: "2021-05-04T11:25:20.423Z",
        batched: true,
        batchesCount: 1,
        totalObjectsCount: 0,
        batches: [{ batchNumber: 1, status: "finished", objectsCount: 1, error: null, updatedAt: "2021-05-04T11:25:20.423Z" }],
      },
      {
        relation: "boards",
        status: "finished",
        error: null,
        updatedAt: "2021-05-04T11:25:20.085Z",
        batched: false,
        batchesCount: 0,
        totalObjectsCount: 0,
        batches: [],
      },
    ]);
  });

  it("normalises a single object for one relation", async () => {
    const { server, client } = await source((_req, res) =>
      sendJson(res, 200, { relation: "labels", status: "started", error: null, batched: false, total_objects_count: 9 }),
    );
    const status = await exportStatus(client, 5, { kind: "project", relation: "labels" });
    expect(server.requests[0]?.url).toBe("/api/v4/projects/5/export_relations/status?relation=labels");
    expect(status).toMatchObject({ relation: "labels", status: "started", totalObjectsCount: 9 });
  });

  it("picks the relation out of the array an older source sends", async () => {
    const { client } = await source((_req, res) => sendJson(res, 200, DOC_STATUS));
    expect(await exportStatus(client, 5, { kind: "group", relation: "boards" })).toMatchObject({ relation: "boards" });
    expect(await exportStatus(client, 5, { kind: "group", relation: "labels" })).toBeNull();
  });

  it.each([
    [-2, "pending"],
    [-1, "failed"],
    [0, "started"],
    [1, "finished"],
    ["failed", "failed"],
  ])("reads status %j as %s", async (raw, expected) => {
    expect(normaliseExportStatus({ relation: "labels", status: raw }).status).toBe(expected);
  });

  it("refuses a status it does not know", () => {
    expect(() => normaliseExportStatus({ relation: "labels", status: 7 })).toThrow(expect.objectContaining({ kind: "bad_response" }));
    expect(() => normaliseExportStatus({ status: 1 })).toThrow(expect.objectContaining({ kind: "bad_response" }));
  });

  it("treats a relation not exported yet as null, but a disabled endpoint as an error", async () => {
    let message = "404 Export Not Found";
    const { client } = await source((_req, res) => sendJson(res, 404, { message }));
    expect(await exportStatus(client, 5, { kind: "group", relation: "labels" })).toBeNull();
    message = "404 Not Found";
    await expect(exportStatus(client, 5, { kind: "group", relation: "labels" })).rejects.toMatchObject({ kind: "not_found" });
  });
});

describe("downloadRelation", () => {
  it("downloads a relation that reads back as GitLab's records", async () => {
    const gz = zlib.gzipSync(LABELS);
    const { server, client } = await source((_req, res) => {
      res.writeHead(200, { "content-type": "application/octet-stream", "content-length": gz.length });
      res.end(gz);
    });
    const download = await downloadRelation(client, 4351, "labels", { kind: "group" });
    expect(server.requests[0]?.url).toBe("/api/v4/groups/4351/export_relations/download?relation=labels");
    expect(download.contentLength).toBe(gz.length);
    const titles: string[] = [];
    for await (const item of readNdjson<{ title: string; group_id: number }>(download.body)) {
      expect(item.error).toBeUndefined();
      expect(item.record?.group_id).toBe(4351);
      titles.push(item.record?.title ?? "");
    }
    expect(titles).toHaveLength(10);
    expect(titles[0]).toBe("Bruffefunc");
  });

  it("asks for one batch of a batched export", async () => {
    const { server, client } = await source((_req, res) => res.end(zlib.gzipSync("")));
    const download = await downloadRelation(client, 9, "issues", { kind: "project", batched: true, batchNumber: 3 });
    download.body.resume();
    expect(server.requests[0]?.url).toBe("/api/v4/projects/9/export_relations/download?relation=issues&batched=true&batch_number=3");
  });

  it("needs a batch number for a batched download", async () => {
    const { client } = await source((_req, res) => res.end());
    await expect(downloadRelation(client, 9, "issues", { kind: "project", batched: true })).rejects.toThrow("batch number");
  });
});
