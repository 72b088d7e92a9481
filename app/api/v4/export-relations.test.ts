import fs from "node:fs";
import path from "node:path";
import { gunzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ACCESS_LEVELS, getDb, groupMembers } from "@/lib/db";
import { exchangeJobHandlers, exportRelationsRoutes, relationsFor } from "@/lib/exchange";
import { startWorker, stopBoss, type RunningWorker } from "@/lib/jobs";
import { importJobHandlers } from "@/lib/migration";
import { tokenFor } from "@/test/helpers/api";
import { makeUser, unique } from "@/test/helpers/factories";
import { destinationOf, importSourceGroup } from "@/test/exchange/fixture-import";
import { callRaw } from "@/test/exchange/route-call";
import { FIXTURES_ROOT, fromRecords, GROUP_EXPORTS, startTestSource, type TestSource } from "@/test/source";
import { POST as startExport } from "./groups/[id]/export_relations/route";
import { GET as status } from "./groups/[id]/export_relations/status/route";

// The download is a Pages Router API route (for its Content-Length); the handler inside it is this one.
const download = exportRelationsRoutes("group").download;

// The test source is on 127.0.0.1 over http; this file's queue schema keeps other files' workers away.
process.env.FERRY_ALLOW_LOCAL_SOURCES = "true";
process.env.FERRY_ALLOW_INSECURE_SOURCES = "true";
process.env.FERRY_QUEUE_SCHEMA = "pgboss_export_contract_test";

const TREE = path.join(GROUP_EXPORTS, "complex/tree/groups");
const ROOT = 4351;
const CHILD = 4352;
const OTHER_CHILD = 4353;
// Records as a newer or Enterprise GitLab writes them, with fields Ferry has no column for and values unlike its
// defaults: they must come back out as they went in.
const RICH_LABEL = {
  id: 9001, title: "rich", color: "#ff0000", project_id: null, created_at: "2024-02-03T04:05:06.789Z", updated_at: "2024-03-04T05:06:07.891Z",
  template: true, description: "from a newer GitLab", group_id: 4353, type: "GroupLabel", priorities: [{ project_id: 7, priority: 2 }],
  textColor: "#123456", lock_on_merge: true, archived: false,
};
const RICH_MILESTONE = {
  id: 9002, title: "rich", project_id: null, description: null, due_date: "2024-12-31", created_at: "2024-01-01T00:00:00.000Z",
  updated_at: "2024-01-02T00:00:00.000Z", state: "closed", iid: 42, start_date: "2024-01-01", group_id: 4353, expired: true,
};
const DOC_EXAMPLES = JSON.parse(fs.readFileSync(path.join(FIXTURES_ROOT, "api_examples/version_and_group_export_relations.from_doc.json"), "utf8")) as Record<string, unknown>;

/** The names a Grape entity exposes, in order (`expose :relation, ...`). */
function exposures(file: string): string[] {
  const source = fs.readFileSync(path.join(FIXTURES_ROOT, "gitlabhq/lib/api/entities/bulk_imports", file), "utf8");
  return [...source.matchAll(/expose :(\w+)/g)].map((m) => m[1]!);
}

const fixtureRecords = (groupId: number, relation: string) =>
  fs
    .readFileSync(path.join(TREE, String(groupId), `${relation}.ndjson`), "utf8")
    .split("\n")
    .filter(Boolean)
    .map((line) => JSON.parse(line) as Record<string, unknown>);

let worker: RunningWorker;
let source: TestSource;
let owner: Awaited<ReturnType<typeof makeUser>>;
let token: string;
let rootId: number;
let childId: number;
let otherChildId: number;

beforeAll(async () => {
  worker = await startWorker({ concurrency: 3, handlers: { ...importJobHandlers, ...exchangeJobHandlers }, pollingIntervalSeconds: 0.5 });
  source = await startTestSource({ version: "17.8.0-ee", exportDelayMs: 20 });
  source.setRelation(OTHER_CHILD, "labels", fromRecords([RICH_LABEL]));
  source.setRelation(OTHER_CHILD, "milestones", fromRecords([RICH_MILESTONE]));
  owner = await makeUser();
  const imported = await importSourceGroup(source, source.group(ROOT).path, owner, unique("contract"));
  rootId = destinationOf(source, imported.byPath, ROOT, ROOT).id;
  childId = destinationOf(source, imported.byPath, CHILD, ROOT).id;
  otherChildId = destinationOf(source, imported.byPath, OTHER_CHILD, ROOT).id;
  token = await tokenFor(owner.id);
}, 120_000);

afterAll(async () => {
  await source?.close();
  await worker?.stop();
  await stopBoss();
});

const params = (id: number | string) => ({ id: String(id) });

async function statusOf(groupId: number, userToken = token): Promise<Record<string, unknown>[]> {
  const response = await callRaw(status, `/api/v4/groups/${groupId}/export_relations/status`, { token: userToken, params: params(groupId) });
  expect(response.status).toBe(200);
  return (await response.json()) as Record<string, unknown>[];
}

/** Starts an export through the API and waits for every relation to end. */
async function exportAndWait(groupId: number, batched: boolean, userToken = token): Promise<Record<string, unknown>[]> {
  const started = await callRaw(startExport, `/api/v4/groups/${groupId}/export_relations`, { token: userToken, method: "POST", body: { batched }, params: params(groupId) });
  expect(started.status).toBe(202);
  expect(await started.json()).toEqual(DOC_EXAMPLES["POST /groups/:id/export_relations"]);
  for (let i = 0; i < 300; i++) {
    const statuses = await statusOf(groupId, userToken);
    if (statuses.length > 0 && statuses.every((s) => s.status !== 0)) return statuses;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error("export did not end");
}

async function downloadRecords(groupId: number, query: string): Promise<{ response: Response; bytes: Buffer; records: Record<string, unknown>[] }> {
  const response = await callRaw(download, `/api/v4/groups/${groupId}/export_relations/download?${query}`, { token, params: params(groupId) });
  const bytes = Buffer.from(await response.arrayBuffer());
  const text = response.status === 200 ? gunzipSync(bytes).toString("utf8") : "";
  return { response, bytes, records: text.split("\n").filter(Boolean).map((line) => JSON.parse(line) as Record<string, unknown>) };
}

describe("export_relations against GitLab's contract", () => {
  it("answers status in the shape of Entities::BulkImports::ExportStatus and the documented example", async () => {
    const statuses = await exportAndWait(rootId, true);
    // Every relation Ferry stores, `self` first (the registry's order), the file relation `uploads` among them.
    expect(statuses.map((s) => s.relation)).toEqual(relationsFor("group").map((relation) => relation.name));
    expect(statuses.map((s) => s.relation)).toEqual(expect.arrayContaining(["self", "labels", "milestones", "members", "namespace_settings", "uploads"]));
    const entityKeys = exposures("export_status.rb");
    const batchKeys = exposures("export_batch_status.rb");
    const [docBatched, docWhole] = DOC_EXAMPLES["GET /groups/:id/export_relations/status"] as Record<string, unknown>[];
    for (const item of statuses) {
      // `batches` is exposed only when batched, as the entity's `if:` says.
      expect(Object.keys(item)).toEqual(item.batched ? entityKeys : entityKeys.filter((k) => k !== "batches"));
      const doc = item.batched ? docBatched! : docWhole!;
      for (const key of Object.keys(doc)) {
        if (key === "batches") continue;
        expect(typeof item[key], `${String(item.relation)}.${key}`).toBe(doc[key] === null ? typeof null : typeof doc[key]);
      }
      expect(item.status).toBe(1);
      expect(item.updated_at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    }
    const labels = statuses.find((s) => s.relation === "labels")!;
    expect(labels).toMatchObject({ batched: true, batches_count: 1, total_objects_count: fixtureRecords(ROOT, "labels").length });
    const [batch] = labels.batches as Record<string, unknown>[];
    expect(Object.keys(batch!)).toEqual(batchKeys);
    const docBatch = (docBatched!.batches as Record<string, unknown>[])[0]!;
    for (const key of Object.keys(docBatch)) expect(typeof batch![key]).toBe(typeof docBatch[key]);
    // `self` and has_one relations are never batched, even when asked (GitLab's batchable relations are has_many).
    expect(statuses.find((s) => s.relation === "self")).toMatchObject({ batched: false, batches_count: 0, total_objects_count: 1 });

    const one = await callRaw(status, `/api/v4/groups/${rootId}/export_relations/status?relation=milestones`, { token, params: params(rootId) });
    expect(await one.json()).toMatchObject({ relation: "milestones", status: 1, batched: true, batches_count: 0, total_objects_count: 0, batches: [] });
    const missing = await callRaw(status, `/api/v4/groups/${rootId}/export_relations/status?relation=user_contributions`, { token, params: params(rootId) });
    expect([missing.status, await missing.json()]).toEqual([404, { message: "Export not found" }]);
  });

  it("downloads <relation>.ndjson.gz as an attachment with its length, giving back every field the source sent", async () => {
    await exportAndWait(rootId, false);
    const { response, bytes, records } = await downloadRecords(rootId, "relation=labels");
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("application/octet-stream");
    expect(response.headers.get("content-disposition")).toMatch(/^attachment; filename="labels\.ndjson\.gz"/);
    expect(Number(response.headers.get("content-length"))).toBe(bytes.length);
    expect([...bytes.subarray(0, 2)]).toEqual([0x1f, 0x8b]);

    // Field by field and in GitLab's key order: the fixture's record with this Ferry's ids.
    const fixture = fixtureRecords(ROOT, "labels");
    expect(records).toHaveLength(fixture.length);
    for (const original of fixture) {
      const exported = records.find((r) => r.title === original.title)!;
      expect(exported).toEqual({ ...original, id: expect.any(Number), group_id: rootId });
      expect(Object.keys(exported)).toEqual(Object.keys(original));
    }
  });

  it("gives back fields a newer GitLab sent that Ferry has no column for, and values unlike Ferry's defaults", async () => {
    await exportAndWait(otherChildId, false);
    const [label] = (await downloadRecords(otherChildId, "relation=labels")).records;
    // Extra fields come after GitLab's known ones, in jsonb's key order (which JSON readers do not depend on).
    expect(label).toEqual({ ...RICH_LABEL, id: expect.any(Number), group_id: otherChildId });
    const [milestone] = (await downloadRecords(otherChildId, "relation=milestones")).records;
    expect(milestone).toEqual({ ...RICH_MILESTONE, id: expect.any(Number), group_id: otherChildId });
  });

  it("exports milestones and self as GitLab's tree has them, without GitLab's excluded attributes", async () => {
    await exportAndWait(childId, true);
    const statuses = await statusOf(childId);
    const milestonesStatus = statuses.find((s) => s.relation === "milestones")!;
    const milestones = await downloadRecords(childId, "relation=milestones&batched=true&batch_number=1");
    const fixture = fixtureRecords(CHILD, "milestones");
    expect(milestonesStatus.total_objects_count).toBe(fixture.length);
    for (const original of fixture) {
      const exported = milestones.records.find((r) => r.iid === original.iid)!;
      expect(exported).toEqual({ ...original, id: expect.any(Number), group_id: childId });
      expect(Object.keys(exported)).toEqual(Object.keys(original));
    }

    const self = await downloadRecords(childId, "relation=self");
    expect(self.response.headers.get("content-disposition")).toMatch(/filename="self\.json\.gz"/);
    // One JSON document, no trailing newline (GitLab's JsonWriter).
    expect(gunzipSync(self.bytes).toString("utf8").endsWith("}")).toBe(true);
    const [record] = self.records;
    const original = JSON.parse(fs.readFileSync(path.join(TREE, `${CHILD}.json`), "utf8")) as Record<string, unknown>;
    // import_export.yml excluded_attributes.group, verbatim.
    const excluded = [
      "owner_id", "created_at", "updated_at", "runners_token", "runners_token_encrypted", "saml_discovery_token", "trial_ends_on",
      "shared_runners_minute_limit", "extra_shared_runners_minutes_limit", "repository_size_limit", "max_pages_size",
    ];
    for (const key of excluded) expect(record, key).not.toHaveProperty(key);
    for (const [key, value] of Object.entries(original)) {
      if (excluded.includes(key) || ["id", "parent_id", "name", "path"].includes(key)) continue;
      expect(record![key], `self.${key}`).toEqual(value);
    }
    expect(record).toMatchObject({ id: childId, parent_id: rootId, visibility_level: 0, project_creation_level: expect.any(Number) });
  });

  it("exports members in the tree's shape (members: [:user] with id, public_email, username)", async () => {
    await exportAndWait(rootId, false);
    const { records } = await downloadRecords(rootId, "relation=members");
    const fixture = fixtureRecords(ROOT, "members")[0]!;
    // The importing user is Owner; members imported from the source (when memberships are migrated) come along.
    const mine = records.find((r) => r.user_id === owner.id);
    expect(mine).toMatchObject({ access_level: 50, source_id: rootId, source_type: "Namespace", user: { id: owner.id, public_email: null, username: owner.username } });
    for (const record of records) {
      expect(Object.keys(record)).toEqual(Object.keys(fixture));
      expect(Object.keys(record.user as object)).toEqual(Object.keys(fixture.user as object));
    }
  });

  it("splits batched exports into files of 1000 records", async () => {
    const user = await makeUser();
    const userToken = await tokenFor(user.id);
    const { createGroup } = await import("@/lib/groups");
    const group = await createGroup(user, { name: "Many", path: unique("many") });
    const { labels } = await import("@/lib/db");
    const rows = Array.from({ length: 2500 }, (_, i) => ({ groupId: group.id, title: `label-${String(i).padStart(4, "0")}`, color: "#336699" }));
    for (let i = 0; i < rows.length; i += 500) await getDb().insert(labels).values(rows.slice(i, i + 500));
    const statuses = await exportAndWait(group.id, true, userToken);
    const labelStatus = statuses.find((s) => s.relation === "labels")!;
    expect(labelStatus).toMatchObject({ batched: true, batches_count: 3, total_objects_count: 2500 });
    expect((labelStatus.batches as { batch_number: number; objects_count: number; status: number }[]).map((b) => [b.batch_number, b.objects_count, b.status])).toEqual([
      [1, 1000, 1],
      [2, 1000, 1],
      [3, 500, 1],
    ]);
    const titles: string[] = [];
    for (const n of [1, 2, 3]) {
      const response = await callRaw(download, `/api/v4/groups/${group.id}/export_relations/download?relation=labels&batched=true&batch_number=${n}`, { token: userToken, params: params(group.id) });
      expect(response.headers.get("content-disposition")).toMatch(/filename="labels\.ndjson\.gz"/);
      const lines = gunzipSync(Buffer.from(await response.arrayBuffer())).toString("utf8").split("\n").filter(Boolean);
      titles.push(...lines.map((line) => (JSON.parse(line) as { title: string }).title));
    }
    expect(titles).toEqual(rows.map((r) => r.title));
  });
});

describe("export_relations refusals, as GitLab answers them", () => {
  it("404s unknown and invisible groups, 403s non-owners, lets admins through", async () => {
    const [maintainer, stranger, admin] = await Promise.all([makeUser(), makeUser(), makeUser({ admin: true })]);
    await getDb().insert(groupMembers).values({ groupId: rootId, userId: maintainer.id, accessLevel: ACCESS_LEVELS.maintainer });
    const [maintainerToken, strangerToken, adminToken] = await Promise.all([tokenFor(maintainer.id), tokenFor(stranger.id), tokenFor(admin.id)]);
    const calls = [
      (t: string, id: number | string) => callRaw(startExport, `/api/v4/groups/${id}/export_relations`, { token: t, method: "POST", params: params(id) }),
      (t: string, id: number | string) => callRaw(status, `/api/v4/groups/${id}/export_relations/status`, { token: t, params: params(id) }),
      (t: string, id: number | string) => callRaw(download, `/api/v4/groups/${id}/export_relations/download?relation=labels`, { token: t, params: params(id) }),
    ];
    for (const call of calls) {
      const unknown = await call(token, 99_999_999);
      expect([unknown.status, await unknown.json()]).toEqual([404, { message: "404 Group Not Found" }]);
      const invisible = await call(strangerToken, rootId);
      expect([invisible.status, await invisible.json()]).toEqual([404, { message: "404 Group Not Found" }]);
      const notOwner = await call(maintainerToken, rootId);
      expect([notOwner.status, await notOwner.json()]).toEqual([403, { message: "403 Forbidden" }]);
      // An admin passes the checks (their own export may still be running, so the download can be "not found").
      const asAdmin = await call(adminToken, rootId);
      expect(asAdmin.status).not.toBe(403);
      if (asAdmin.status === 404) expect((await asAdmin.json()) as object).toEqual({ message: expect.stringMatching(/^Export (file )?not found$/) });
    }
    const readOnly = await tokenFor(owner.id, ["read_api"]);
    expect((await calls[0]!(readOnly, rootId)).status).toBe(403);
    expect((await calls[1]!(readOnly, rootId)).status).toBe(200);
    expect((await callRaw(status, "/api/v4/groups/x/export_relations/status", { params: params(rootId) })).status).toBe(401);
  });

  it("answers 400 when batched and non-batched are mixed up, 404 for what is not there", async () => {
    await exportAndWait(rootId, true);
    const cases: [string, number, unknown][] = [
      ["", 400, { error: "relation is missing" }],
      ["relation=labels&batched=true", 400, { error: "batched, batch_number provide all or none of parameters" }],
      ["relation=labels&batch_number=1", 400, { error: "batched, batch_number provide all or none of parameters" }],
      ["relation=labels&batched=maybe&batch_number=1", 400, { error: "batched is invalid" }],
      ["relation=labels&batched=true&batch_number=x", 400, { error: "batch_number is invalid" }],
      ["relation=labels", 400, { message: "Export is batched" }],
      ["relation=self&batched=true&batch_number=1", 400, { message: "Export is not batched" }],
      ["relation=labels&batched=true&batch_number=9", 404, { message: "Batch not found" }],
      ["relation=user_contributions", 404, { message: "Export not found" }],
    ];
    for (const [query, code, body] of cases) {
      const response = await callRaw(download, `/api/v4/groups/${rootId}/export_relations/download?${query}`, { token, params: params(rootId) });
      expect([query, response.status, await response.json()]).toEqual([query, code, body]);
    }
  });
});
