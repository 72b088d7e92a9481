import { gunzipSync } from "node:zlib";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { ROUTES } from "./routes";
import { startTestSource, type TestSource } from "./server";
import { api, complexFile, exportAndWait, fixtureLines, gunzipText, json, lines, type ExportStatusEntry } from "./test-client";

let source: TestSource;
beforeAll(async () => {
  source = await startTestSource({ exportDelayMs: 0 });
});
afterAll(() => source.close());
beforeEach(async () => {
  source.faults.clear();
  source.resetExports();
  await exportAndWait(source, 4351);
  source.clearRequests();
});

const labels = () => api(source, "/groups/4351/export_relations/download?relation=labels");
const LABEL_LINES = fixtureLines(complexFile("4351", "labels.ndjson"));

/** Reads a body to the end; resolves with the bytes received and the error that stopped it, if any. */
async function drain(response: Response): Promise<{ bytes: number; error: unknown }> {
  let bytes = 0;
  const reader = response.body?.getReader();
  if (!reader) return { bytes, error: undefined };
  try {
    for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) bytes += chunk.value.length;
    return { bytes, error: undefined };
  } catch (error) {
    return { bytes, error };
  }
}

describe("fault switches", () => {
  it("rate-limits the first two downloads of labels with Retry-After, then serves", async () => {
    const fault = source.faults.rateLimit({ endpoint: ROUTES.exportDownload, relation: "labels", times: 2, retryAfter: 3 });
    for (let i = 0; i < 2; i += 1) {
      const limited = await labels();
      expect(limited.status).toBe(429);
      expect(limited.headers.get("retry-after")).toBe("3");
      expect(await limited.text()).toBe("Retry later\n");
    }
    // Other relations are not affected.
    expect((await api(source, "/groups/4351/export_relations/download?relation=boards")).status).toBe(200);
    const served = await labels();
    expect(served.status).toBe(200);
    expect(lines(await gunzipText(served))).toEqual(LABEL_LINES);
    expect(fault).toMatchObject({ hits: 2, remaining: 0 });
    expect(source.requests.map((r) => [r.status, r.faults])).toEqual([
      [429, ["rate-limit"]],
      [429, ["rate-limit"]],
      [200, []],
      [200, []],
    ]);
  });

  it("answers 500 with GitLab's body", async () => {
    source.faults.serverError({ endpoint: ROUTES.exportStatus, times: 1 });
    const failed = await api(source, "/groups/4351/export_relations/status");
    expect(failed.status).toBe(500);
    expect(await json(failed)).toEqual({ message: "500 Internal Server Error" });
    expect((await api(source, "/groups/4351/export_relations/status")).status).toBe(200);
  });

  it("resets the connection before any response", async () => {
    source.faults.reset({ when: "before-response", endpoint: ROUTES.groups, times: 1 });
    const error = await api(source, "/groups").then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(TypeError);
    expect(((error as TypeError).cause as { code?: string }).code).toBe("ECONNRESET");
    expect(source.requests[0]).toMatchObject({ status: 0, aborted: true, faults: ["reset"] });
    expect((await api(source, "/groups")).status).toBe(200);
  });

  it("resets a download mid-body, after the headers and part of the body", async () => {
    source.faults.reset({ relation: "labels", afterBytes: 100, times: 1 });
    const response = await labels();
    expect(response.status).toBe(200);
    const length = Number(response.headers.get("content-length"));
    const { bytes, error } = await drain(response);
    expect(error).toBeDefined();
    expect(bytes).toBeLessThan(length);
    expect(source.requests[0]).toMatchObject({ status: 200, aborted: true });
  });

  it("spares error answers from body faults, so `times` counts real transfers", async () => {
    source.resetExports();
    const fault = source.faults.reset({ relation: "labels", times: 1 });
    expect((await labels()).status).toBe(404);
    expect(fault.remaining).toBe(1);
    await exportAndWait(source, 4351);
    const { error } = await drain(await labels());
    expect(error).toBeDefined();
    expect(fault.remaining).toBe(0);
  });

  it("can also close the connection cleanly mid-body (a premature end of stream)", async () => {
    source.faults.reset({ endpoint: ROUTES.group, how: "close" });
    const response = await api(source, "/groups/4351");
    const { error } = await drain(response);
    expect(error).toBeDefined();
  });

  it("delays answers", async () => {
    source.faults.delay({ ms: 250, endpoint: ROUTES.exportStatus, times: 1 });
    const started = Date.now();
    expect((await api(source, "/groups/4351/export_relations/status")).status).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(240);
    expect(source.requests.at(-1)!.faults).toEqual(["delay"]);
    // `times: 1`: the next answer comes without a delay (said by the log, not timed: a busy machine is slow anyway).
    await api(source, "/groups/4351/export_relations/status");
    expect(source.requests.at(-1)!.faults).toEqual([]);
  });

  it("acts on a share of requests by chance, at most `maxInARow` times in a row on one request", async () => {
    source.faults.serverError({ relation: "labels", endpoint: ROUTES.exportDownload, chance: 1 });
    source.faults.maxInARow = 2;
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 6; i++) statuses.push((await labels()).status);
      expect(statuses).toEqual([500, 500, 200, 500, 500, 200]);
    } finally {
      source.faults.maxInARow = Number.POSITIVE_INFINITY;
    }
    source.faults.clear();
    let draws = 0;
    source.faults.random = () => (draws++ % 4 === 0 ? 0 : 0.99);
    source.faults.serverError({ relation: "labels", endpoint: ROUTES.exportDownload, chance: 0.5 });
    const statuses: number[] = [];
    for (let i = 0; i < 8; i++) statuses.push((await labels()).status);
    source.faults.random = Math.random;
    expect(statuses).toEqual([500, 200, 200, 200, 500, 200, 200, 200]);
  });

  it("truncates the gzip body with a matching Content-Length", async () => {
    source.faults.truncate({ relation: "labels", bytes: 60 });
    const response = await labels();
    expect(response.status).toBe(200);
    expect(response.headers.get("content-length")).toBe("60");
    const body = Buffer.from(await response.arrayBuffer());
    expect(body.length).toBe(60);
    expect(() => gunzipSync(body)).toThrow(/unexpected end of file/);
  });

  it("injects a malformed line at a chosen line, or replaces one", async () => {
    source.faults.malformedLine({ relation: "labels", line: 3, times: 1 });
    const inserted = lines(await gunzipText(await labels()));
    expect(inserted.length).toBe(LABEL_LINES.length + 1);
    expect(() => JSON.parse(inserted[2] ?? "")).toThrow();
    expect(inserted.filter((_, i) => i !== 2)).toEqual(LABEL_LINES);

    source.faults.malformedLine({ relation: "labels", line: 1, mode: "replace", text: "not json", times: 1 });
    const replaced = lines(await gunzipText(await labels()));
    expect(replaced).toEqual(["not json", ...LABEL_LINES.slice(1)]);
    expect(lines(await gunzipText(await labels()))).toEqual(LABEL_LINES);
  });

  it("fails the next export of a relation with status -1 and an error", async () => {
    source.faults.exportFailed({ relation: "labels", error: "Gitlab::ImportExport::Error", times: 1 });
    const statuses = await exportAndWait(source, 4351);
    expect(statuses.find((s) => s.relation === "labels")).toMatchObject({ status: -1, error: "Gitlab::ImportExport::Error" });
    expect(statuses.filter((s) => s.status === -1).map((s) => s.relation)).toEqual(["labels"]);
    const missing = await labels();
    expect(missing.status).toBe(404);
    expect(await json(missing)).toEqual({ message: "Export file not found" });

    const retried = await exportAndWait(source, 4351);
    expect(retried.find((s) => s.relation === "labels")?.status).toBe(1);
  });

  it("fails one batch of a batched export", async () => {
    source.config.batchSize = 4;
    try {
      source.faults.exportFailed({ relation: "labels", batchNumber: 2, error: "batch broke", times: 1 });
      const labelsStatus = (await exportAndWait(source, 4351, true)).find((s) => s.relation === "labels") as ExportStatusEntry;
      expect(labelsStatus).toMatchObject({ status: -1, error: "batch broke", batches_count: 3 });
      expect(labelsStatus.batches?.map((b) => [b.batch_number, b.status, b.error])).toEqual([
        [1, 1, null],
        [2, -1, "batch broke"],
        [3, 1, null],
      ]);
      const batch = (n: number) => api(source, `/groups/4351/export_relations/download?relation=labels&batched=true&batch_number=${n}`);
      expect((await batch(1)).status).toBe(200);
      const broken = await batch(2);
      expect(broken.status).toBe(404);
      expect(await json(broken)).toEqual({ message: "Batch file not found" });
    } finally {
      source.config.batchSize = 1000;
    }
  });

  it("answers export_relations with 404 (direct transfer disabled) or 403 (no permission)", async () => {
    source.faults.exportDisabled({ times: 1 });
    const disabled = await api(source, "/groups/4351/export_relations", { method: "POST" });
    expect(disabled.status).toBe(404);
    expect(await json(disabled)).toEqual({ message: "404 Not Found" });

    source.faults.exportForbidden({ method: "GET", endpoint: ROUTES.exportStatus });
    expect((await api(source, "/groups/4351/export_relations", { method: "POST" })).status).toBe(202);
    const forbidden = await api(source, "/groups/4351/export_relations/status");
    expect(forbidden.status).toBe(403);
    expect(await json(forbidden)).toEqual({ message: "403 Forbidden" });
    // Other endpoints do not see export faults.
    expect((await api(source, "/groups/4351")).status).toBe(200);
  });

  it("matches endpoints by RegExp and stops acting once cleared", async () => {
    source.faults.serverError({ endpoint: /\/groups\/4351\/(members|badges)$/ });
    expect((await api(source, "/groups/4351/members")).status).toBe(500);
    expect((await api(source, "/groups/4351/badges")).status).toBe(500);
    expect((await api(source, "/groups/4351/subgroups")).status).toBe(200);
    expect(source.faults.active.length).toBe(1);
    source.faults.clear();
    expect(source.faults.active.length).toBe(0);
    expect((await api(source, "/groups/4351/members")).status).toBe(200);
  });

  it("scopes download faults to a batch number and a group", async () => {
    source.config.batchSize = 5;
    try {
      await exportAndWait(source, 4351, true);
      source.faults.serverError({ relation: "labels", batchNumber: 2, groupId: 4351 });
      const batch = (n: number) => api(source, `/groups/4351/export_relations/download?relation=labels&batched=true&batch_number=${n}`);
      expect((await batch(1)).status).toBe(200);
      expect((await batch(2)).status).toBe(500);
    } finally {
      source.config.batchSize = 1000;
    }
  });
});
