import fs from "node:fs";
import path from "node:path";
import { Readable } from "node:stream";
import { spawnSync } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readTarGz } from "@/lib/archive";
import { getConfig } from "@/lib/config";
import { ACCESS_LEVELS, getDb, groupMembers } from "@/lib/db";
import { exchangeJobHandlers, findFileExport } from "@/lib/exchange";
import { startWorker, stopBoss, type RunningWorker } from "@/lib/jobs";
import { importJobHandlers } from "@/lib/migration";
import { updateSettings } from "@/lib/settings";
import { tokenFor } from "@/test/helpers/api";
import { makeUser, unique } from "@/test/helpers/factories";
import { destinationOf, importSourceGroup } from "@/test/exchange/fixture-import";
import { callRaw } from "@/test/exchange/route-call";
import { GROUP_EXPORTS, startTestSource, type TestSource } from "@/test/source";
import { POST as startExport } from "./route";
import { GET as download } from "./download/route";

// The test source is on 127.0.0.1 over http; this file's queue schema keeps other files' workers away.
process.env.FERRY_ALLOW_LOCAL_SOURCES = "true";
process.env.FERRY_ALLOW_INSECURE_SOURCES = "true";
process.env.FERRY_QUEUE_SCHEMA = "pgboss_file_export_test";

const TREE = path.join(GROUP_EXPORTS, "complex/tree/groups");
const [ROOT, CHILD, OTHER_CHILD] = [4351, 4352, 4353];
const RELATIONS = ["labels", "milestones", "badges", "boards", "epics", "members"];
const fixtureCount = (groupId: number, relation: string) =>
  fs.existsSync(path.join(TREE, String(groupId), `${relation}.ndjson`)) ? fs.readFileSync(path.join(TREE, String(groupId), `${relation}.ndjson`), "utf8").split("\n").filter(Boolean).length : 0;

let worker: RunningWorker;
let source: TestSource;
let owner: Awaited<ReturnType<typeof makeUser>>;
let token: string;
let ids: { root: number; child: number; otherChild: number };
let fullPath: string;

beforeAll(async () => {
  worker = await startWorker({ concurrency: 2, handlers: { ...importJobHandlers, ...exchangeJobHandlers }, pollingIntervalSeconds: 0.5 });
  source = await startTestSource({ version: "17.8.0-ee", exportDelayMs: 20 });
  owner = await makeUser();
  const imported = await importSourceGroup(source, source.group(ROOT).path, owner, unique("archive"));
  const root = destinationOf(source, imported.byPath, ROOT, ROOT);
  ids = { root: root.id, child: destinationOf(source, imported.byPath, CHILD, ROOT).id, otherChild: destinationOf(source, imported.byPath, OTHER_CHILD, ROOT).id };
  fullPath = root.fullPath;
  token = await tokenFor(owner.id);
}, 120_000);

afterAll(async () => {
  await updateSettings({ fileExportEnabled: true, rateLimits: { groupImport: 6, groupExport: 6, groupDownloadExport: 1, projectImport: 6, projectExport: 6, projectDownloadExport: 1 } });
  await source?.close();
  await worker?.stop();
  await stopBoss();
});

const params = (id: number | string) => ({ id: String(id) });
const post = (groupId: number, userToken = token) => callRaw(startExport, `/api/v4/groups/${groupId}/export`, { token: userToken, method: "POST", params: params(groupId) });
const get = (groupId: number, userToken = token) => callRaw(download, `/api/v4/groups/${groupId}/export/download`, { token: userToken, params: params(groupId) });

async function finished(groupId: number, userId = owner.id) {
  for (let i = 0; i < 600; i++) {
    const row = await findFileExport({ kind: "group", id: groupId }, userId);
    if (row?.status === "finished" || row?.status === "failed") return row;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error("the export did not end");
}

async function members(bytes: Buffer): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for await (const entry of readTarGz(Readable.from([bytes]))) {
    const chunks: Buffer[] = [];
    for await (const chunk of entry.body) chunks.push(chunk);
    out.set(entry.path, Buffer.concat(chunks).toString("utf8"));
  }
  return out;
}

describe("group export by file (POST /groups/:id/export, GET /groups/:id/export/download)", () => {
  it("writes GitLab's NDJSON group archive of the whole tree, served once a minute as an attachment", async () => {
    expect((await get(ids.root)).status).toBe(404);
    expect(await (await get(ids.root)).json()).toEqual({ message: { error: "This endpoint has been requested too many times. Try again later." } });
    // Downloads are limited per user and group: another minute (here: the limit lifted) lets the next one through.
    await updateSettings({ rateLimits: { groupImport: 6, groupExport: 6, groupDownloadExport: 0, projectImport: 6, projectExport: 6, projectDownloadExport: 1 } });
    expect(await (await get(ids.root)).json()).toEqual({ message: "404 Not found or has expired" });

    const started = await post(ids.root);
    expect(started.status).toBe(202);
    expect(await started.json()).toEqual({ message: "202 Accepted" });
    expect((await finished(ids.root)).status).toBe("finished");

    const response = await get(ids.root);
    expect(response.status).toBe(200);
    const disposition = response.headers.get("content-disposition")!;
    expect(disposition).toMatch(new RegExp(`^attachment; filename="\\d{4}-\\d\\d-\\d\\d_\\d\\d-\\d\\d-\\d{3}_${fullPath.replaceAll("/", "_")}_export\\.tar\\.gz"`));
    const bytes = Buffer.from(await response.arrayBuffer());
    expect(Number(response.headers.get("content-length"))).toBe(bytes.length);
    const archive = await members(bytes);

    expect(archive.get("./VERSION")).toBe("0.2.4");
    expect(archive.get("./GITLAB_VERSION")).toMatch(/^\d+\.\d+\.\d+/);
    expect(archive.get("./tree/groups/_all.ndjson")).toBe(`${ids.root}\n${[ids.child, ids.otherChild].sort((a, b) => a - b).join("\n")}\n`);
    for (const [sourceId, id] of [[ROOT, ids.root], [CHILD, ids.child], [OTHER_CHILD, ids.otherChild]] as const) {
      const attributes = JSON.parse(archive.get(`./tree/groups/${id}.json`)!) as Record<string, unknown>;
      expect(attributes).toMatchObject({ id, parent_id: id === ids.root ? null : ids.root });
      for (const relation of RELATIONS) {
        const text = archive.get(`./tree/groups/${id}/${relation}.ndjson`);
        expect(text, `${id}/${relation}`).toBeDefined();
        const lines = text!.split("\n").filter(Boolean);
        // Members: the fixture's plus the importing owner on the root.
        if (relation !== "members") expect(lines.length, `${sourceId}/${relation}`).toBe(fixtureCount(sourceId, relation));
        for (const line of lines) expect(() => JSON.parse(line)).not.toThrow();
      }
    }
    // GitLab's group archives carry no uploads, projects or avatars.
    expect([...archive.keys()].filter((name) => !name.startsWith("./tree/groups/") && !["./VERSION", "./GITLAB_VERSION", "./GITLAB_REVISION"].includes(name))).toEqual([]);

    // The system tar reads it as GitLab's importer does (`tar -xzf`), every member under ./.
    const scratch = fs.mkdtempSync(path.join(process.env.TMPDIR ?? "/tmp", "group-archive-"));
    try {
      fs.writeFileSync(path.join(scratch, "a.tar.gz"), bytes);
      const listed = spawnSync("tar", ["-tzf", path.join(scratch, "a.tar.gz")], { encoding: "utf8" });
      expect(listed.status).toBe(0);
      expect(listed.stdout.split("\n").filter(Boolean).sort()).toEqual([...archive.keys()].sort());
    } finally {
      fs.rmSync(scratch, { recursive: true, force: true });
    }
  }, 120_000);

  it("replaces the user's previous export with a new request, and keeps users' exports apart", async () => {
    await post(ids.child);
    const first = await finished(ids.child);
    await post(ids.child);
    const second = await finished(ids.child);
    expect(second.id).toBe(first.id);
    expect(second.runId).not.toBe(first.runId);
    // The first run's file is gone with it.
    expect(fs.existsSync(path.join(getConfig().dataDir, "exports", path.dirname(first.filePath!)))).toBe(false);
    expect(fs.existsSync(path.join(getConfig().dataDir, "exports", second.filePath!))).toBe(true);

    const other = await makeUser();
    await getDb().insert(groupMembers).values({ groupId: ids.child, userId: other.id, accessLevel: ACCESS_LEVELS.owner });
    const otherToken = await tokenFor(other.id);
    expect(await (await get(ids.child, otherToken)).json()).toEqual({ message: "404 Not found or has expired" });
  }, 60_000);

  it("refuses non-owners (403), unknown groups (404) and every request when the administrator turned export off (404)", async () => {
    const maintainer = await makeUser();
    await getDb().insert(groupMembers).values({ groupId: ids.otherChild, userId: maintainer.id, accessLevel: ACCESS_LEVELS.maintainer });
    const maintainerToken = await tokenFor(maintainer.id);
    expect((await post(ids.otherChild, maintainerToken)).status).toBe(403);
    expect((await get(ids.otherChild, maintainerToken)).status).toBe(403);
    expect(await (await post(2_147_483_000)).json()).toEqual({ message: "404 Group Not Found" });
    expect(await findFileExport({ kind: "group", id: ids.otherChild }, maintainer.id)).toBeUndefined();

    await updateSettings({ fileExportEnabled: false });
    expect(await (await post(ids.otherChild)).json()).toEqual({ message: "404 Not Found" });
    expect((await get(ids.root)).status).toBe(404);
    expect(await findFileExport({ kind: "group", id: ids.otherChild }, owner.id)).toBeUndefined();
    await updateSettings({ fileExportEnabled: true });
  });

  it("allows six exports a minute per user, then answers 429 and starts nothing", async () => {
    const user = await makeUser();
    await getDb().insert(groupMembers).values({ groupId: ids.otherChild, userId: user.id, accessLevel: ACCESS_LEVELS.owner });
    const userToken = await tokenFor(user.id);
    for (let i = 0; i < 6; i++) expect((await post(ids.otherChild, userToken)).status).toBe(202);
    const before = await findFileExport({ kind: "group", id: ids.otherChild }, user.id);
    const refused = await post(ids.otherChild, userToken);
    expect(refused.status).toBe(429);
    expect(refused.headers.get("retry-after")).toBe("60");
    expect((await findFileExport({ kind: "group", id: ids.otherChild }, user.id))!.runId).toBe(before!.runId);
  });
});
