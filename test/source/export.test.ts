import fs from "node:fs";
import { gunzipSync } from "node:zlib";
import { afterEach, describe, expect, it } from "vitest";
import { generated } from "./relation-source";
import { startTestSource, type TestSource } from "./server";
import { api, complexFile, exportAndWait, fixtureLines, gunzipText, json, lines, waitForExport, type ExportStatusEntry } from "./test-client";

let source: TestSource | undefined;
afterEach(async () => {
  await source?.close();
  source = undefined;
});

const download = (s: TestSource, groupId: number | string, query: string, token?: string) =>
  api(s, `/groups/${groupId}/export_relations/download?${query}`, { token });

/** Every <group>/<relation>.ndjson file of the complex tree. */
const complexRelationFiles = () =>
  ["4351", "4352", "4353"].flatMap((group) =>
    fs.readdirSync(complexFile(group)).map((file) => ({ group, relation: file.replace(/\.ndjson$/, ""), file: complexFile(group, file) })),
  );

describe("relation export lifecycle", () => {
  it("starts at 0 and finishes at 1 after the export delay", async () => {
    // Generous, so that a loaded machine still sees the started state.
    source = await startTestSource({ exportDelayMs: 600 });
    const postedAt = Date.now();
    const started = await api(source, "/groups/4351/export_relations", { method: "POST" });
    expect(started.status).toBe(202);
    expect(await json(started)).toEqual({ message: "202 Accepted" });

    const early = await json<ExportStatusEntry[]>(await api(source, "/groups/4351/export_relations/status"));
    expect(early.map((e) => e.relation).sort()).toEqual(
      ["badges", "boards", "epics", "iterations_cadences", "labels", "members", "milestones", "namespace_settings", "self", "uploads"].sort(),
    );
    expect(early.every((e) => e.status === 0)).toBe(true);
    expect(early.find((e) => e.relation === "labels")).toMatchObject({ total_objects_count: 0, batched: false });
    const notReady = await download(source, 4351, "relation=labels");
    expect(notReady.status).toBe(404);
    expect(await json(notReady)).toEqual({ message: "Export file not found" });

    await waitForExport(source, 4351);
    expect(Date.now() - postedAt).toBeGreaterThanOrEqual(590);
    const done = await json<ExportStatusEntry>(await api(source, "/groups/4351/export_relations/status?relation=labels"));
    expect(done).toMatchObject({ relation: "labels", status: 1, error: null, batched: false, batches_count: 0, total_objects_count: 10 });
    expect(done).not.toHaveProperty("batches");
  });

  it("serves each relation gzipped, byte for byte the fixture file", async () => {
    source = await startTestSource();
    for (const group of ["4351", "4352", "4353"]) await exportAndWait(source, group);
    for (const { group, relation, file } of complexRelationFiles()) {
      const response = await download(source, group, `relation=${relation}`);
      expect(response.status).toBe(200);
      expect(response.headers.get("content-type")).toBe("application/octet-stream");
      expect(response.headers.get("content-disposition")).toContain(`filename="${relation}.ndjson.gz"`);
      const body = Buffer.from(await response.arrayBuffer());
      expect(body.length).toBe(Number(response.headers.get("content-length")));
      expect(body.subarray(0, 2)).toEqual(Buffer.from([0x1f, 0x8b]));
      expect(gunzipSync(body).toString("utf8")).toBe(fs.readFileSync(file, "utf8"));
    }
  });

  it("serves self as the group's attributes in one JSON document, and missing relations as empty files", async () => {
    source = await startTestSource();
    const statuses = await exportAndWait(source, 4351);
    const self = await download(source, 4351, "relation=self");
    expect(self.headers.get("content-disposition")).toContain('filename="self.json.gz"');
    const text = await gunzipText(self);
    expect(text).not.toContain("\n");
    const fixture = JSON.parse(fs.readFileSync(complexFile("4351.json"), "utf8")) as Record<string, unknown>;
    expect(JSON.parse(text)).toEqual(fixture);

    expect(await gunzipText(await download(source, 4351, "relation=milestones"))).toBe("");
    expect(statuses.find((s) => s.relation === "milestones")?.total_objects_count).toBe(0);
  });

  it("splits a batched export into batches whose records add up to the fixture files", async () => {
    source = await startTestSource({ batchSize: 3 });
    for (const group of ["4351", "4352", "4353"]) {
      const statuses = await exportAndWait(source, group, true);
      expect(statuses.find((s) => s.relation === "self")?.batched).toBe(false);
      for (const { relation, file } of complexRelationFiles().filter((f) => f.group === group)) {
        const expected = fixtureLines(file);
        const status = statuses.find((s) => s.relation === relation);
        expect(status).toMatchObject({ batched: true, total_objects_count: expected.length, batches_count: Math.ceil(expected.length / 3) });
        const received: string[] = [];
        for (const batch of status?.batches ?? []) {
          expect(batch.status).toBe(1);
          const response = await download(source, group, `relation=${relation}&batched=true&batch_number=${batch.batch_number}`);
          const batchLines = lines(await gunzipText(response));
          expect(batchLines.length).toBe(batch.objects_count);
          received.push(...batchLines);
        }
        expect(received).toEqual(expected);
      }
    }
  });

  it("keeps a download once made when keepDownloads is set, as GitLab keeps an export's files, and makes it anew otherwise", async () => {
    for (const keepDownloads of [true, false]) {
      source = await startTestSource({ batchSize: 2, keepDownloads });
      // The records change after the first download: a kept file does not.
      let edition = 1;
      source.setRelation(4351, "labels", generated(3, (i) => ({ id: i + 1, title: `label-${i}-edition-${edition}` })));
      await exportAndWait(source, "4351", true);
      const batch = async (n: number) => lines(await gunzipText(await download(source!, 4351, `relation=labels&batched=true&batch_number=${n}`)));
      expect(await batch(1)).toEqual(['{"id":1,"title":"label-0-edition-1"}', '{"id":2,"title":"label-1-edition-1"}']);
      edition = 2;
      expect(await batch(1)).toEqual(keepDownloads ? ['{"id":1,"title":"label-0-edition-1"}', '{"id":2,"title":"label-1-edition-1"}'] : ['{"id":1,"title":"label-0-edition-2"}', '{"id":2,"title":"label-1-edition-2"}']);
      // A batch not downloaded before is made when first asked for.
      expect(await batch(2)).toEqual(['{"id":3,"title":"label-2-edition-2"}']);
      await source.close();
      source = undefined;
    }
  });

  it("uses GitLab's default batch size of 1000", async () => {
    source = await startTestSource();
    const labels = (await exportAndWait(source, 4351, true)).find((s) => s.relation === "labels");
    expect(labels).toMatchObject({ batches_count: 1, batches: [{ batch_number: 1, objects_count: 10, status: 1 }] });
  });

  it("refuses to mix batched and non-batched downloads, as GitLab does", async () => {
    source = await startTestSource();
    const before = await download(source, 4351, "relation=labels");
    expect(before.status).toBe(404);
    expect(await json(before)).toEqual({ message: "Export not found" });

    await exportAndWait(source, 4351, true);
    const whole = await download(source, 4351, "relation=labels");
    expect(whole.status).toBe(400);
    expect(await json(whole)).toEqual({ message: "Export is batched" });
    const halfParams = await download(source, 4351, "relation=labels&batched=true");
    expect(halfParams.status).toBe(400);
    expect(await json(halfParams)).toEqual({ error: "batched, batch_number provide all or none of parameters" });
    const noBatch = await download(source, 4351, "relation=labels&batched=true&batch_number=2");
    expect(noBatch.status).toBe(404);
    expect(await json(noBatch)).toEqual({ message: "Batch not found" });
    const noRelation = await download(source, 4351, "");
    expect(noRelation.status).toBe(400);
    const unknown = await api(source, "/groups/4351/export_relations/status?relation=nothing");
    expect(unknown.status).toBe(404);

    await exportAndWait(source, 4351, false);
    const notBatched = await download(source, 4351, "relation=labels&batched=true&batch_number=1");
    expect(notBatched.status).toBe(400);
    expect(await json(notBatched)).toEqual({ message: "Export is not batched" });
  });

  it("exports whole relations and shows the old status shape before 16.2", async () => {
    source = await startTestSource({ version: "16.1.0" });
    const statuses = await exportAndWait(source, 4351, true);
    for (const status of statuses) expect(Object.keys(status).sort()).toEqual(["error", "relation", "status", "updated_at"]);
    expect(statuses.map((s) => s.relation)).not.toContain("epics");
    const labels = await download(source, 4351, "relation=labels&batched=true&batch_number=1");
    expect(labels.status).toBe(200);
    expect(lines(await gunzipText(labels)).length).toBe(10);
  });

  it("keeps each user's exports apart and lets only owners export", async () => {
    source = await startTestSource({
      tokens: [
        { token: "one", scopes: ["api"], userId: 1 },
        { token: "two", scopes: ["api"], userId: 2 },
        { token: "dev", scopes: ["api"], userId: 3 },
      ],
    });
    source.setAccess(4351, 3, 30);
    await exportAndWait(source, 4351, false, "one");
    expect(await json(await api(source, "/groups/4351/export_relations/status", { token: "two" }))).toEqual([]);
    expect((await download(source, 4351, "relation=labels", "two")).status).toBe(404);
    const forbidden = await api(source, "/groups/4351/export_relations", { method: "POST", token: "dev" });
    expect(forbidden.status).toBe(403);
    expect(await json(forbidden)).toEqual({ message: "403 Forbidden" });
  });

  it("answers 404 on every export endpoint when direct transfer is disabled", async () => {
    source = await startTestSource({ directTransferEnabled: false });
    for (const [method, suffix] of [["POST", ""], ["GET", "/status"], ["GET", "/download?relation=labels"]] as const) {
      const response = await api(source, `/groups/4351/export_relations${suffix}`, { method });
      expect(response.status).toBe(404);
      expect(await json(response)).toEqual({ message: "404 Not Found" });
    }
  });

  it("takes exportDelayMs per relation, so one relation can lag", async () => {
    source = await startTestSource({ exportDelayMs: (relation) => (relation === "epics" ? 1000 : 0) });
    await api(source, "/groups/4351/export_relations", { method: "POST" });
    await new Promise((resolve) => setTimeout(resolve, 30));
    const statuses = await json<ExportStatusEntry[]>(await api(source, "/groups/4351/export_relations/status"));
    expect(statuses.filter((s) => s.status === 0).map((s) => s.relation)).toEqual(["epics"]);
    expect((await waitForExport(source, 4351)).every((s) => s.status === 1)).toBe(true);
  });

  it("logs status polls so a test can check how often a client asks", async () => {
    source = await startTestSource({ exportDelayMs: 100 });
    await exportAndWait(source, 4351);
    const polls = source.requests.filter((r) => r.route === "/groups/:id/export_relations/status");
    expect(polls.length).toBeGreaterThan(1);
    expect(polls.every((r) => r.status === 200 && r.method === "GET")).toBe(true);
    const gaps = polls.slice(1).map((r, i) => r.time - (polls[i]?.time ?? 0));
    expect(Math.min(...gaps)).toBeGreaterThanOrEqual(5);
  });
});

describe("several copies of one fixture tree", () => {
  it("serves complex-a and complex-b under fresh ids with the same records", async () => {
    source = await startTestSource({ groups: [{ fixture: "complex", path: "complex-a" }, { fixture: "complex", path: "complex-b" }] });
    const [a, b] = [source.group("complex-a"), source.group("complex-b")];
    expect(a.id).toBe(4351);
    expect(b.id).not.toBe(4351);
    expect(source.store.children(b).map((g) => source?.store.fullPath(g))).toEqual([
      "complex-b/pwip17beq7vl4nuwz9ie7bk8navpxj1w04zylmmjveab5bargr",
      "complex-b/4n1db5ghlicx3ioddnwftxygq65nxb96dafkf89qp7p9sjqi3p",
    ]);
    const owned = await json<{ full_path: string }[]>(await api(source, "/groups?top_level_only=true&min_access_level=50"));
    expect(owned.map((g) => g.full_path)).toEqual(["complex-a", "complex-b"]);

    await exportAndWait(source, "complex-b");
    const labels = await download(source, "complex-b", "relation=labels");
    expect(lines(await gunzipText(labels))).toEqual(fixtureLines(complexFile("4351", "labels.ndjson")));
    const self = JSON.parse(await gunzipText(await download(source, "complex-b", "relation=self"))) as Record<string, unknown>;
    expect(self).toMatchObject({ id: b.id, path: "complex-b", name: "complex-b", parent_id: null });
  });
});
