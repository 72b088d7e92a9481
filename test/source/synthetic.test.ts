import { gunzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generated } from "./relation-source";
import { startTestSource, type TestSource } from "./server";
import { syntheticRelation } from "./synthetic";
import { api, exportAndWait, gunzipText, json, lines } from "./test-client";

let source: TestSource;
let calls = 0;
const COUNT = 50_000;

beforeAll(async () => {
  source = await startTestSource({ groups: [], exportDelayMs: 0 });
  const big = source.addGroup({ path: "big", name: "Big" });
  const labels = syntheticRelation("labels", COUNT, big.id);
  if (labels.kind !== "generated") throw new Error("expected a generated relation");
  source.setRelation(
    big.id,
    "labels",
    generated(COUNT, (i) => {
      calls += 1;
      return labels.make(i);
    }),
  );
  source.setRelation(big.id, "badges", syntheticRelation("badges", 250, big.id));
  source.addGroup({ path: "child", parentId: big.id, relations: { milestones: syntheticRelation("milestones", 7, big.id) } });
});
afterAll(() => source.close());

describe("synthetic groups and relations", () => {
  it("serves 50,000 generated labels in batches of 1000, generating only the batch asked for", async () => {
    const statuses = await exportAndWait(source, "big", true);
    expect(calls).toBe(0);
    const status = statuses.find((s) => s.relation === "labels");
    expect(status).toMatchObject({ total_objects_count: COUNT, batches_count: 50 });

    const batch = await api(source, "/groups/big/export_relations/download?relation=labels&batched=true&batch_number=50");
    const records = lines(await gunzipText(batch)).map((l) => JSON.parse(l) as { id: number; title: string; group_id: number });
    expect(records.length).toBe(1000);
    expect(records[0]?.title).toBe("label-49000");
    expect(records.at(-1)?.title).toBe("label-49999");
    // Measured once for Content-Length, generated once more while sent: two passes over one batch, not the relation.
    expect(calls).toBe(2000);
  });

  it("streams the whole relation non-batched with an exact Content-Length", async () => {
    await exportAndWait(source, "big");
    const response = await api(source, "/groups/big/export_relations/download?relation=labels");
    const body = Buffer.from(await response.arrayBuffer());
    expect(body.length).toBe(Number(response.headers.get("content-length")));
    const all = lines(gunzipSync(body).toString("utf8"));
    expect(all.length).toBe(COUNT);
    expect(new Set(all.map((l) => (JSON.parse(l) as { title: string }).title)).size).toBe(COUNT);
  });

  it("pages REST lists that come from a large relation", async () => {
    const response = await api(source, "/groups/big/badges?per_page=100&page=3");
    expect(response.headers.get("x-total")).toBe("250");
    expect(response.headers.get("x-total-pages")).toBe("3");
    const badges = await json<{ id: number; kind: string }[]>(response);
    expect(badges.length).toBe(50);
    expect(badges[0]).toMatchObject({ id: 3_000_200, kind: "group" });
  });

  it("gives synthetic subgroups a full path and serves their relations", async () => {
    const child = await json<{ full_path: string; parent_id: number }>(await api(source, `/groups/${encodeURIComponent("big/child")}`));
    expect(child.full_path).toBe("big/child");
    await exportAndWait(source, "big/child");
    const milestones = lines(await gunzipText(await api(source, "/groups/big%2Fchild/export_relations/download?relation=milestones")));
    expect(milestones.length).toBe(7);
    const self = JSON.parse(await gunzipText(await api(source, "/groups/big%2Fchild/export_relations/download?relation=self"))) as Record<string, unknown>;
    expect(self).toMatchObject({ path: "child", name: "child", parent_id: source.group("big").id, visibility_level: 0 });
  });

  it("refuses a synthetic relation it cannot make", () => {
    expect(() => syntheticRelation("pipelines", 1, 1)).toThrow(/No synthetic records/);
  });
});
