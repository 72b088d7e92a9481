import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { Readable } from "node:stream";
import { spawnSync } from "node:child_process";
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readTarGz } from "@/lib/archive";
import { getConfig } from "@/lib/config";
import { ACCESS_LEVELS, getDb, projectMembers, snippets } from "@/lib/db";
import { exchangeJobHandlers, findFileExport } from "@/lib/exchange";
import { snippetBundleDigest } from "@/lib/snippets";
import { treeRelationsFor } from "@/lib/exchange/relations/registry";
import { STATUS } from "@/lib/migration";
import { repositoryPath } from "@/lib/repositories";
import { updateSettings } from "@/lib/settings";
import { tokenFor } from "@/test/helpers/api";
import { makeUser, unique } from "@/test/helpers/factories";
import { git, temporaryDirectory } from "@/test/helpers/git-client";
import { runImportWorker } from "@/test/helpers/import-worker";
import { makeSnippetRepository, makeSourceRepository } from "@/test/helpers/source-repository";
import { runTestSource } from "@/test/helpers/test-source";
import { importSourceGroup } from "@/test/exchange/fixture-import";
import { callRaw } from "@/test/exchange/route-call";
import { fromArchive, fromLfsObjects, fromRepository, projectTreeFile } from "@/test/source";
import { GET as status, POST as startExport } from "./route";
import { GET as download } from "./download/route";

runImportWorker("pgboss_project_export_test", exchangeJobHandlers);
const source = runTestSource({ version: "17.8.0-ee", exportDelayMs: 20 });
const scratch = temporaryDirectory("ferry-project-export-");

const LIMITS = { groupImport: 6, groupExport: 6, groupDownloadExport: 1, projectImport: 6, projectExport: 6, projectDownloadExport: 1 };
const sha256 = (data: Buffer) => createHash("sha256").update(data).digest("hex");
const refsOf = (repo: string) => git(repo, ["for-each-ref", "--format=%(objectname) %(objecttype) %(refname)"]);
const fixtureCount = (relation: string) => fs.readFileSync(projectTreeFile(relation), "utf8").split("\n").filter(Boolean).length;
// What direct transfer brings over of GitLab's complex project, record for record (labels: its issues' labels too).
const FROM_FIXTURE = ["milestones", "issues", "snippets", "project_badges", "boards", "ci_pipelines", "commit_notes", "custom_attributes", "external_pull_requests", "pipeline_schedules", "protected_branches", "protected_tags", "releases"];

const UPLOAD_SECRET = "0123456789abcdef0123456789abcdef";
const [model, sketch] = [Buffer.from("model ".repeat(500)), Buffer.from("sketch ".repeat(300))];

let owner: Awaited<ReturnType<typeof makeUser>>;
let token: string;
let app: number;
let empty: number;
let appPath: string;

async function projectIn(namespace: string, projectPath: string): Promise<number> {
  const rows = await getDb().execute<{ id: number }>(sql`SELECT p.id FROM projects p JOIN groups g ON g.id = p.namespace_id WHERE g.full_path = ${namespace} AND p.path = ${projectPath}`);
  return rows.rows[0]!.id;
}

beforeAll(async () => {
  const repository = await makeSourceRepository(scratch, { commits: 4, branches: 2, tags: 2, mergeRequestRefs: 2, namedTags: ["release-1.1"] });
  const wiki = await makeSourceRepository(scratch, { commits: 2, branches: 0, tags: 0, mergeRequestRefs: 0, binary: false });
  const design = await makeSourceRepository(scratch, { commits: 1, branches: 0, tags: 0, mergeRequestRefs: 0, binary: false });
  const root = source().group(4351);
  source().addProject({
    groupId: 4351, path: "app", name: "App", fixtureProject: "complex", repository, wiki,
    snippets: [{ id: 1, title: "Test snippet title", createdAt: "2019-11-05T15:06:06Z", repository: await makeSnippetRepository(scratch, [{ "x.rb": "x = 1\n" }]) }],
    relations: {
      lfs_objects: fromLfsObjects([{ data: model, types: ["project"] }, { data: sketch, types: ["design", "wiki"] }]),
      design: fromRepository(design, "design.bundle"),
      uploads: fromArchive([{ name: `${UPLOAD_SECRET}/notes.txt`, data: Buffer.from("the notes\n") }]),
    },
  });
  source().addProject({ groupId: 4351, path: "empty", name: "Empty" });
  owner = await makeUser();
  const slug = unique("exported");
  const imported = await importSourceGroup(source(), root.path, owner, slug);
  expect(imported).toMatchObject({ status: STATUS.finished, hasFailures: false });
  [app, empty] = await Promise.all([projectIn(slug, "app"), projectIn(slug, "empty")]);
  appPath = `${slug}/app`;
  token = await tokenFor(owner.id);
  // One download a minute per project would stand in the way of the tests: the limit has a test of its own.
  await updateSettings({ rateLimits: { ...LIMITS, projectDownloadExport: 0 } });
}, 150_000);

afterAll(async () => {
  await updateSettings({ fileExportEnabled: true, rateLimits: LIMITS });
});

const params = (id: number | string) => ({ id: String(id) });
const post = (id: number, body?: unknown, userToken = token) => callRaw(startExport, `/api/v4/projects/${id}/export`, { token: userToken, method: "POST", params: params(id), body });
const get = (id: number, userToken = token) => callRaw(download, `/api/v4/projects/${id}/export/download`, { token: userToken, params: params(id) });
const getStatus = (id: number, userToken = token) => callRaw(status, `/api/v4/projects/${id}/export`, { token: userToken, params: params(id) });

async function finished(id: number, userId = owner.id) {
  for (let i = 0; i < 900; i++) {
    const row = await findFileExport({ kind: "project", id }, userId);
    if (row?.status === "finished" || row?.status === "failed") return row;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error("the export did not end");
}

async function members(bytes: Buffer): Promise<Map<string, Buffer>> {
  const out = new Map<string, Buffer>();
  for await (const entry of readTarGz(Readable.from([bytes]))) {
    const chunks: Buffer[] = [];
    for await (const chunk of entry.body) chunks.push(chunk);
    out.set(entry.path, Buffer.concat(chunks));
  }
  return out;
}

/** Exports the project, waits for the worker and downloads the archive: its bytes and its file on disk. */
async function exported(id: number, body?: unknown): Promise<{ bytes: Buffer; file: string; archive: Map<string, Buffer> }> {
  const started = await post(id, body);
  expect(started.status).toBe(202);
  expect(await started.json()).toEqual({ message: "202 Accepted" });
  expect((await finished(id)).status).toBe("finished");
  const response = await get(id);
  expect(response.status).toBe(200);
  const bytes = Buffer.from(await response.arrayBuffer());
  const file = path.join(scratch, `${unique("archive")}.tar.gz`);
  fs.writeFileSync(file, bytes);
  return { bytes, file, archive: await members(bytes) };
}

describe("project export by file (POST/GET /projects/:id/export, GET /projects/:id/export/download)", () => {
  it("writes GitLab's project archive of an imported complex project: tree, members, bundles, uploads, LFS objects", async () => {
    expect(await (await getStatus(app)).json()).toMatchObject({ id: app, export_status: "none" });
    expect(await (await get(app)).json()).toEqual({ message: "404 Not found or has expired" });
    const { bytes, file, archive } = await exported(app);

    const body = (await (await getStatus(app)).json()) as Record<string, unknown>;
    expect(body).toMatchObject({ id: app, name: "App", path: "app", path_with_namespace: appPath, export_status: "finished" });
    expect(body._links).toEqual({ api_url: `http://ferry.test/api/v4/projects/${app}/export/download`, web_url: `http://ferry.test/${appPath}/-/download_export` });
    expect(Object.keys(body).sort()).toEqual(["_links", "created_at", "description", "export_status", "id", "name", "name_with_namespace", "path", "path_with_namespace"]);

    // The system tar lists it as GitLab's importer reads it, every member under ./.
    const listed = spawnSync("tar", ["-tzf", file], { encoding: "utf8" });
    expect(listed.status).toBe(0);
    const names = listed.stdout.split("\n").filter(Boolean);
    expect(names.sort()).toEqual([...archive.keys()].sort());
    expect(archive.get("./VERSION")!.toString()).toBe("0.2.4");
    expect(archive.get("./GITLAB_VERSION")!.toString()).toMatch(/^\d+\.\d+\.\d+/);
    expect(archive.has("./GITLAB_REVISION")).toBe(true);

    const attributes = JSON.parse(archive.get("./tree/project.json")!.toString()) as Record<string, unknown>;
    expect(attributes).toMatchObject({ id: app, name: "App", path: "app" });
    // Every relation of the tree, one parsable record a line, as many as the project has.
    for (const relation of treeRelationsFor("project")) {
      const text = archive.get(`./tree/project/${relation.name}.ndjson`);
      expect(text, relation.name).toBeDefined();
      const lines = text!.toString("utf8").split("\n").filter(Boolean);
      for (const line of lines) expect(() => JSON.parse(line), relation.name).not.toThrow();
      const expected = relation.kind === "collection" ? (await relation.ids(app)).length : (await relation.record(app)) ? 1 : 0;
      expect(lines.length, relation.name).toBe(expected);
      if (FROM_FIXTURE.includes(relation.name)) expect(lines.length, `${relation.name} against the fixture`).toBe(fixtureCount(relation.name));
    }
    // Members are in it (direct transfer leaves them out), each with its user.
    const memberLines = archive.get("./tree/project/project_members.ndjson")!.toString().split("\n").filter(Boolean).map((line) => JSON.parse(line) as Record<string, unknown>);
    const stored = await getDb().select().from(projectMembers).where(eq(projectMembers.projectId, app));
    expect(memberLines.length).toBe(stored.length);
    expect(memberLines.length).toBeGreaterThan(0);
    for (const member of memberLines) expect(member).toMatchObject({ source_type: "Project", source_id: app, user: { username: expect.any(String) } });

    // Repositories: each bundle clones into the refs of the repository it was made of.
    for (const [member, kind] of [["./project.bundle", "project"], ["./project.wiki.bundle", "wiki"], ["./project.design.bundle", "design"]] as const) {
      const bundle = path.join(scratch, `${unique("bundle")}.bundle`);
      fs.writeFileSync(bundle, archive.get(member)!);
      const clone = path.join(scratch, unique("clone"));
      await git(scratch, ["clone", "--quiet", "--mirror", bundle, clone]);
      expect(await refsOf(clone), member).toBe(await refsOf(repositoryPath(app, kind)));
    }
    expect(await refsOf(repositoryPath(app, "project"))).toMatch(/refs\/merge-requests\/1\/head/);
    const [snippet] = await getDb().select().from(snippets).where(eq(snippets.projectId, app));
    const snippetBundle = `./snippets/${snippetBundleDigest(snippet!)}.bundle`;
    expect(archive.has(snippetBundle)).toBe(true);
    expect(archive.get("./snippets/")!.length).toBe(0);

    expect(archive.get(`./uploads/${UPLOAD_SECRET}/notes.txt`)!.toString()).toBe("the notes\n");
    expect(JSON.parse(archive.get("./lfs-objects.json")!.toString())).toEqual({ [sha256(model)]: ["project"], [sha256(sketch)]: ["design", "wiki"] });
    for (const data of [model, sketch]) expect(archive.get(`./lfs-objects/${sha256(data)}`)!.equals(data)).toBe(true);
    expect(bytes.length).toBeGreaterThan(0);
  }, 120_000);

  it("gives an empty project no bundles, an empty LFS listing and the snippets directory; `description` overrides the project's", async () => {
    const { archive } = await exported(empty, { description: "As exported" });
    expect([...archive.keys()].filter((name) => name.endsWith(".bundle"))).toEqual([]);
    expect(archive.get("./lfs-objects.json")!.toString()).toBe("{}");
    expect(archive.has("./snippets/")).toBe(true);
    expect(JSON.parse(archive.get("./tree/project.json")!.toString())).toMatchObject({ id: empty, description: "As exported" });
  }, 60_000);

  it("replaces the user's previous export with a new request, and keeps users' exports apart", async () => {
    await post(empty);
    const first = await finished(empty);
    await post(empty);
    const second = await finished(empty);
    expect(second.id).toBe(first.id);
    expect(second.runId).not.toBe(first.runId);
    expect(fs.existsSync(path.join(getConfig().dataDir, "exports", path.dirname(first.filePath!)))).toBe(false);
    expect(fs.existsSync(path.join(getConfig().dataDir, "exports", second.filePath!))).toBe(true);

    const other = await makeUser();
    await getDb().insert(projectMembers).values({ projectId: empty, userId: other.id, accessLevel: ACCESS_LEVELS.maintainer });
    const otherToken = await tokenFor(other.id);
    expect(await (await getStatus(empty, otherToken)).json()).toMatchObject({ export_status: "none" });
    expect(await (await get(empty, otherToken)).json()).toEqual({ message: "404 Not found or has expired" });
  }, 60_000);

  it("refuses Developers (403), unknown projects (404), bad upload parameters (400) and everything when the administrator turned export off (404)", async () => {
    const developer = await makeUser();
    await getDb().insert(projectMembers).values({ projectId: empty, userId: developer.id, accessLevel: ACCESS_LEVELS.developer });
    const developerToken = await tokenFor(developer.id);
    for (const response of [await post(empty, undefined, developerToken), await get(empty, developerToken), await getStatus(empty, developerToken)]) {
      expect(response.status).toBe(403);
      expect(await response.json()).toEqual({ message: "403 Forbidden" });
    }
    expect(await findFileExport({ kind: "project", id: empty }, developer.id)).toBeUndefined();
    expect(await (await post(2_147_483_000)).json()).toEqual({ message: "404 Project Not Found" });

    const before = await findFileExport({ kind: "project", id: empty }, owner.id);
    const badMethod = await post(empty, { upload: { url: "https://example.com/x", http_method: "PATCH" } });
    expect(badMethod.status).toBe(400);
    expect(await badMethod.json()).toEqual({ error: "upload[http_method] does not have a valid value" });
    expect(await (await post(empty, { upload: { http_method: "PUT" } })).json()).toEqual({ error: "upload[url] is missing" });
    expect(await (await post(empty, { upload: { url: "ftp://example.com/x" } })).json()).toEqual({ message: "The upload URL must start with https:// (it starts with ftp://)." });
    expect((await findFileExport({ kind: "project", id: empty }, owner.id))!.runId).toBe(before!.runId);

    await updateSettings({ fileExportEnabled: false });
    try {
      for (const response of [await post(empty), await get(app), await getStatus(app)]) {
        expect(response.status).toBe(404);
        expect(await response.json()).toEqual({ message: "404 Not Found" });
      }
      expect((await findFileExport({ kind: "project", id: empty }, owner.id))!.runId).toBe(before!.runId);
    } finally {
      await updateSettings({ fileExportEnabled: true });
    }
  });

  it("allows six exports a minute per user and one download a minute per project, then answers GitLab's 429", async () => {
    await updateSettings({ rateLimits: LIMITS });
    const user = await makeUser();
    await getDb().insert(projectMembers).values({ projectId: empty, userId: user.id, accessLevel: ACCESS_LEVELS.maintainer });
    const userToken = await tokenFor(user.id);
    for (let i = 0; i < 6; i++) expect((await post(empty, undefined, userToken)).status).toBe(202);
    const before = await findFileExport({ kind: "project", id: empty }, user.id);
    const refused = await post(empty, undefined, userToken);
    expect(refused.status).toBe(429);
    expect(refused.headers.get("retry-after")).toBe("60");
    expect(await refused.json()).toEqual({ message: { error: "This endpoint has been requested too many times. Try again later." } });
    expect((await findFileExport({ kind: "project", id: empty }, user.id))!.runId).toBe(before!.runId);

    await finished(empty, user.id);
    expect((await get(empty, userToken)).status).toBe(200);
    expect((await get(empty, userToken)).status).toBe(429);
    // Per project: the other project's download is still allowed.
    expect((await get(app, userToken)).status).not.toBe(429);
  }, 60_000);
});
