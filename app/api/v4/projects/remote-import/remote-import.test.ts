import fs from "node:fs";
import path from "node:path";
import { and, desc, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { appSettings, bulkImportEntities, bulkImportFailures, bulkImports, getDb, issues, projects } from "@/lib/db";
import { createGroup } from "@/lib/groups";
import { cancelBulkImport, STATUS, TRACKER_STATUS } from "@/lib/migration";
import { importsRoot } from "@/lib/migration/file-import/archive-store";
import { fetchRemoteArchive } from "@/lib/migration/file-import/fetch-remote-archive";
import { projectFixtureCount, projectFixtureMembers, tarGzOf } from "@/lib/migration/file-import/test-archives";
import type { TestServer } from "@/lib/gitlab/test-server";
import { createProject } from "@/lib/projects";
import { repositoryPath } from "@/lib/repositories";
import { tokenFor } from "@/test/helpers/api";
import { makeUser, unique } from "@/test/helpers/factories";
import { git, temporaryDirectory } from "@/test/helpers/git-client";
import { importResult, waitForImports } from "@/test/helpers/imports";
import { runImportWorker } from "@/test/helpers/import-worker";
import { captureLogs, startFileServer, type ServedFile } from "@/test/helpers/remote-file-server";
import { makeSourceRepository } from "@/test/helpers/source-repository";
import { GET as getStatus } from "../[id]/import/route";
import { POST } from "./route";

const QUEUE = "pgboss_project_remote_import_test";
runImportWorker(QUEUE);
const logs = captureLogs();
const work = temporaryDirectory("ferry-remote-import-");

// A presigned URL's credential: it must reach no table, log or answer.
const SECRET = `sig${unique("")}`;
const files = new Map<string, ServedFile>();
let server: TestServer;
beforeAll(async () => {
  server = await startFileServer(files);
});
afterAll(() => server.close());

const urlOf = (name: string) => `${server.url}/${name}?X-Amz-Signature=${SECRET}`;

const post = async (body: Record<string, unknown> | string, token: string, type = "application/json") => {
  const request = new Request("http://ferry.test/api/v4/projects/remote-import", {
    method: "POST",
    headers: { "private-token": token, "content-type": type },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
  const response = await POST(request, { params: Promise.resolve({}) });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
};

const statusOf = async (projectId: number, token: string) => {
  const response = await getStatus(new Request(`http://ferry.test/api/v4/projects/${projectId}/import`, { headers: { "private-token": token } }), { params: Promise.resolve({ id: String(projectId) }) });
  return (await response.json()) as Record<string, unknown>;
};

async function latestImport(userId: number) {
  const [row] = await getDb().select().from(bulkImports).where(eq(bulkImports.userId, userId)).orderBy(desc(bulkImports.id)).limit(1);
  return row;
}

/** Every row this import wrote (its import, entity, failures, project) and its queue's jobs, as text, to grep. */
async function storedText(bulkImportId: number, projectId: number): Promise<string> {
  const rows = await Promise.all([
    getDb().execute(sql`SELECT t::text AS row FROM bulk_imports t WHERE id = ${bulkImportId}`),
    getDb().execute(sql`SELECT t::text AS row FROM bulk_import_entities t WHERE bulk_import_id = ${bulkImportId}`),
    getDb().execute(sql`SELECT f::text AS row FROM bulk_import_failures f JOIN bulk_import_entities e ON e.id = f.bulk_import_entity_id WHERE e.bulk_import_id = ${bulkImportId}`),
    getDb().execute(sql`SELECT t::text AS row FROM projects t WHERE id = ${projectId}`),
    getDb().execute(sql.raw(`SELECT j::text AS row FROM "${QUEUE}".job j`)),
  ]);
  return rows.flatMap((result) => (result.rows as { row: string }[]).map((r) => r.row)).join("\n");
}

const leftovers = (bulkImportId: number) => fs.readdirSync(importsRoot()).filter((name) => name === String(bulkImportId) || name.startsWith(`remote-${bulkImportId}-`));

async function setup(prefix: string) {
  const user = await makeUser();
  const token = await tokenFor(user.id);
  const group = await createGroup(user, { name: unique(prefix), path: unique(prefix), visibility: "internal" });
  return { user, token, group };
}

describe("POST /projects/remote-import", () => {
  it("imports GitLab's complex project export from an https URL, every relation's count equal, the URL kept sealed", async () => {
    const { user, token, group } = await setup("remote");
    const repo = await makeSourceRepository(work, { commits: 3, branches: 2, tags: 1, mergeRequestRefs: 1 });
    const bundle = path.join(work, "remote.bundle");
    await git(work, ["--git-dir", repo, "bundle", "create", "--quiet", bundle, "--all"]);
    files.set("/complex.tar.gz", { body: await tarGzOf(projectFixtureMembers("complex", [{ header: { name: "./project.bundle" }, data: fs.readFileSync(bundle) }])) });

    const projectPath = unique("remote");
    const answer = await post({ url: urlOf("complex.tar.gz"), path: projectPath, name: "Remote project", namespace: group.fullPath, override_params: { description: "From afar" } }, token);
    expect(answer.status).toBe(201);
    expect(answer.body).toMatchObject({ name: "Remote project", path: projectPath, path_with_namespace: `${group.fullPath}/${projectPath}`, import_status: "scheduled", import_type: "gitlab_project", failed_relations: [], import_error: null });
    const projectId = answer.body.id as number;
    const bulkImport = await latestImport(user.id);
    expect(bulkImport).toMatchObject({ sourceType: "file" });
    expect(bulkImport!.tokenCiphertext).not.toBe("");

    const [ended] = await waitForImports([bulkImport!.id]);
    expect(ended).toMatchObject({ status: STATUS.finished, tokenCiphertext: "" });
    const [entry] = [...(await importResult(bulkImport!.id)).values()];
    expect(entry!.failures.map((f) => `${f.relation}: ${f.exceptionMessage}`)).toEqual([]);
    for (const [tracker, file] of [["labels", "labels"], ["milestones", "milestones"], ["issues", "issues"], ["merge_requests", "merge_requests"], ["ci_pipelines", "ci_pipelines"], ["releases", "releases"]] as const) {
      expect(entry!.trackers.get(tracker), tracker).toMatchObject({ status: TRACKER_STATUS.finished, importedObjectsCount: projectFixtureCount("complex", file) });
    }
    const [issueCount] = await getDb().select({ n: sql<number>`count(*)::int` }).from(issues).where(eq(issues.projectId, projectId));
    expect(issueCount!.n).toBe(projectFixtureCount("complex", "issues"));
    const refs = (repository: string) => git(work, ["--git-dir", repository, "for-each-ref", "--format=%(refname) %(objectname)"]);
    expect(await refs(repositoryPath(projectId, "project"))).toBe(await refs(repo));
    const [project] = await getDb().select().from(projects).where(eq(projects.id, projectId));
    // The override over the archive's description; the archive's visibility (public) capped by the internal group.
    expect(project).toMatchObject({ description: "From afar", visibilityLevel: 10 });
    expect(await statusOf(projectId, token)).toMatchObject({ id: projectId, import_status: "finished", import_error: null, failed_relations: [] });

    // One HEAD in the request, one GET by the worker, both with the presigned query.
    const asked = server.requests.filter((r) => r.url.startsWith("/complex.tar.gz"));
    expect(asked.map((r) => r.method)).toEqual(["HEAD", "GET"]);
    expect(leftovers(bulkImport!.id)).toEqual([]);
    // Delivered again (at least once): the seal is gone, nothing is fetched or changed.
    await fetchRemoteArchive(bulkImport!.id, { retryCount: 0, retryLimit: 3 });
    expect(server.requests.filter((r) => r.url.startsWith("/complex.tar.gz"))).toHaveLength(2);
    const stored = await storedText(bulkImport!.id, projectId);
    expect(stored).toContain(String(bulkImport!.id));
    expect(stored).not.toContain(SECRET);
    expect(stored).not.toContain(server.url);
    expect(logs.join("")).not.toContain(SECRET);
  });

  it("refuses in the request, with GitLab's 400 and message, what the URL and its headers show: nothing is created", async () => {
    const { user, token, group } = await setup("refused");
    const archive = await tarGzOf(projectFixtureMembers("complex"));
    files.set("/page.html", { body: Buffer.from("<html></html>"), head: { "content-type": "text/html; charset=utf-8" } });
    files.set("/empty.tar.gz", { body: Buffer.alloc(0) });
    files.set("/huge.tar.gz", { body: archive, head: { "content-length": String(11 * 1024 ** 3) } });
    files.set("/sized.tar.gz", { body: archive, head: { "content-type": "application/x-tar" } });
    const ask = (url: string, fields: Record<string, unknown> = {}) => post({ url, path: unique("refused"), namespace: group.fullPath, ...fields }, token);
    const closed = await startFileServer(new Map());
    await closed.close();
    const set = (values: Partial<typeof appSettings.$inferInsert>) => getDb().insert(appSettings).values({ id: 1, ...values }).onConflictDoUpdate({ target: appSettings.id, set: values });
    // More refusals than project_import's 6 a minute: the limit is off, then checked on its own at the end.
    await set({ projectImportLimit: 0 });

    const allowed = "(Allowed: application/gzip, application/x-tar, application/x-gzip)";
    expect(await ask(urlOf("x.tar.gz").replace("https:", "http:"))).toEqual({ status: 400, body: { message: "File url is blocked: Only allowed schemes are https" } });
    expect(await ask("not a url")).toEqual({ status: 400, body: { message: "File url is blocked: URI is invalid" } });
    expect(await ask(`${closed.url}/gone.tar.gz?X-Amz-Signature=${SECRET}`)).toEqual({ status: 400, body: { message: "Failed to retrive headers: connection refused" } });
    expect(await ask(urlOf("page.html"))).toEqual({ status: 400, body: { message: `Content type 'text/html; charset=utf-8' not allowed. ${allowed}` } });
    expect(await ask(urlOf("empty.tar.gz"))).toEqual({ status: 400, body: { message: "Content length is too small (should be at least 1 Byte)" } });
    expect(await ask(urlOf("huge.tar.gz"))).toEqual({ status: 400, body: { message: "Content length is too big (should be at most 10 GB)" } });
    // A 404's headers are judged as GitLab judges them (no status check): no length, the first of its two problems.
    expect(await ask(urlOf("no-such.tar.gz"))).toEqual({ status: 400, body: { message: "Content length is too small (should be at least 1 Byte)" } });
    try {
      // The administrator's max_import_size caps the remote file too.
      await set({ maxImportSizeMb: 1 });
      files.set("/big.tar.gz", { body: archive, head: { "content-length": String(2 * 1024 * 1024) } });
      expect(await ask(urlOf("big.tar.gz"))).toEqual({ status: 400, body: { message: "Content length is too big (should be at most 1 MB)" } });
      await set({ maxImportSizeMb: 0, fileImportEnabled: false });
      expect(await ask(urlOf("sized.tar.gz"))).toEqual({ status: 403, body: { message: "403 Forbidden" } });
    } finally {
      await set({ fileImportEnabled: true, maxImportSizeMb: 0 });
    }
    // Grape's errors for missing parameters, JSON or form; the project's own checks as /projects/import makes them.
    expect(await post({ namespace: group.fullPath }, token)).toEqual({ status: 400, body: { error: "url is missing, path is missing" } });
    expect(await post(`path=${unique("p")}&namespace=${encodeURIComponent(group.fullPath)}`, token, "application/x-www-form-urlencoded")).toEqual({ status: 400, body: { error: "url is missing" } });
    expect(await ask(urlOf("sized.tar.gz"), { namespace: "no/such/group" })).toEqual({ status: 404, body: { message: "404 Namespace Not Found" } });
    const taken = await createProject(user, { name: "Taken", path: unique("taken"), namespaceId: group.id });
    expect(await ask(urlOf("sized.tar.gz"), { path: taken.path })).toEqual({ status: 400, body: { message: "Path has already been taken" } });
    try {
      await set({ projectImportLimit: 2 });
      const statuses: number[] = [];
      for (let i = 0; i < 3; i++) statuses.push((await ask(urlOf("page.html"))).status);
      expect(statuses).toEqual([400, 400, 429]);
    } finally {
      await set({ projectImportLimit: 6 });
    }

    expect(await latestImport(user.id)).toBeUndefined();
    expect(await getDb().select({ id: projects.id }).from(projects).where(eq(projects.namespaceId, group.id))).toEqual([{ id: taken.id }]);
    expect(logs.join("")).not.toContain(SECRET);
  });

  it("takes S3's answer without the length and type checks, and the form body curl and python-gitlab send", async () => {
    const { user, token, group } = await setup("s3look");
    files.set("/s3.tar.gz", { body: await tarGzOf(projectFixtureMembers("complex", [], { version: "0.2.3" })), head: { server: "AmazonS3", "x-amz-request-id": "R1", "content-type": "binary/octet-stream", "content-length": undefined } });
    const form = `url=${encodeURIComponent(urlOf("s3.tar.gz"))}&path=${unique("s3")}&namespace=${encodeURIComponent(group.fullPath)}&overwrite=False`;
    const answer = await post(form, token, "application/x-www-form-urlencoded");
    expect(answer).toMatchObject({ status: 201, body: { import_status: "scheduled" } });
    await waitForImports([(await latestImport(user.id))!.id]);
    // The archive it served has an old VERSION: the worker's scan refuses it.
    expect(await statusOf(answer.body.id as number, token)).toMatchObject({ import_status: "failed", import_error: "Import version mismatch: Required 0.2.4 but was 0.2.3" });
  });

  it("fails in the worker, cleanly and with a clear import_error, a file that is not what its headers said", async () => {
    const { user, token, group } = await setup("worker");
    const archive = await tarGzOf(projectFixtureMembers("complex"));
    const hostile = await tarGzOf(projectFixtureMembers("complex", [{ header: { name: "../escape.txt" }, data: Buffer.from("x") }]));
    const cases: [string, ServedFile, string][] = [
      ["a GET that is not 200", { body: archive, status: 404 }, "The remote file could not be downloaded: the server answered 404."],
      ["a body longer than the HEAD announced", { body: archive, head: { "content-length": "1000" }, headers: { "content-length": undefined } }, "The remote file could not be downloaded: the file is larger than 1000 bytes."],
      ["a Content-Length above the HEAD's", { body: archive, head: { "content-length": "1000" } }, "The remote file could not be downloaded: the file is larger than 1000 bytes."],
      ["a hostile archive", { body: hostile }, "Invalid file path (path traversal or absolute path): ../escape.txt"],
      ["not an archive", { body: Buffer.from("just text, no gzip at all\n") }, expect.stringMatching(/gzip|archive|header/i) as unknown as string],
    ];
    for (const [label, file, message] of cases) {
      const name = `/${unique("case")}.tar.gz`;
      files.set(name, file);
      const answer = await post({ url: urlOf(name.slice(1)), path: unique("worker"), namespace: group.fullPath }, token);
      expect(answer.status, label).toBe(201);
      const projectId = answer.body.id as number;
      const bulkImport = await latestImport(user.id);
      const [ended] = await waitForImports([bulkImport!.id]);
      expect(ended, label).toMatchObject({ status: STATUS.failed, tokenCiphertext: "" });
      const state = await statusOf(projectId, token);
      expect(state, label).toMatchObject({ import_status: "failed", import_error: message });
      expect(String(state.import_error)).not.toContain(SECRET);
      // The project stays, empty, as GitLab's does; nothing of the file is left on disk.
      const [count] = await getDb().select({ n: sql<number>`count(*)::int` }).from(issues).where(eq(issues.projectId, projectId));
      expect(count!.n, label).toBe(0);
      expect(leftovers(bulkImport!.id), label).toEqual([]);
      const failures = await getDb()
        .select({ message: bulkImportFailures.exceptionMessage })
        .from(bulkImportFailures)
        .innerJoin(bulkImportEntities, eq(bulkImportEntities.id, bulkImportFailures.entityId))
        .where(eq(bulkImportEntities.bulkImportId, bulkImport!.id));
      expect(failures, label).toHaveLength(1);
      expect(await storedText(bulkImport!.id, projectId)).not.toContain(SECRET);
    }
    expect(logs.join("")).not.toContain(SECRET);
  });

  it("imports once, with exact counts, when the fetch is delivered several times at once", async () => {
    const { user, token, group } = await setup("twice");
    files.set("/twice.tar.gz", { body: await tarGzOf(projectFixtureMembers("complex")) });
    const answer = await post({ url: urlOf("twice.tar.gz"), path: unique("twice"), namespace: group.fullPath }, token);
    expect(answer.status).toBe(201);
    const bulkImport = await latestImport(user.id);
    // Two more deliveries beside the worker's own: each downloads, one moves its store in, the others find the seal gone.
    await Promise.all([fetchRemoteArchive(bulkImport!.id, { retryCount: 0, retryLimit: 3 }), fetchRemoteArchive(bulkImport!.id, { retryCount: 1, retryLimit: 3 })]);
    const [ended] = await waitForImports([bulkImport!.id]);
    expect(ended).toMatchObject({ status: STATUS.finished, hasFailures: false });
    const [entry] = [...(await importResult(bulkImport!.id)).values()];
    for (const [tracker, file] of [["labels", "labels"], ["issues", "issues"]] as const) {
      expect(entry!.trackers.get(tracker), tracker).toMatchObject({ status: TRACKER_STATUS.finished, importedObjectsCount: projectFixtureCount("complex", file) });
    }
    const [count] = await getDb().select({ n: sql<number>`count(*)::int` }).from(issues).where(eq(issues.projectId, answer.body.id as number));
    expect(count!.n).toBe(projectFixtureCount("complex", "issues"));
    expect(leftovers(bulkImport!.id)).toEqual([]);
    // The two direct deliveries read the seal before any commit could drop it: both downloaded (3 in the runs seen).
    expect(server.requests.filter((r) => r.url.startsWith("/twice.tar.gz") && r.method === "GET").length).toBeGreaterThanOrEqual(2);
  });

  it("drops a download that ends after the import was cancelled, and the sealed URL with the cancel", async () => {
    const { user, token, group } = await setup("cancel");
    files.set("/slow.tar.gz", { body: await tarGzOf(projectFixtureMembers("complex")), delayMs: 2_000 });
    const answer = await post({ url: urlOf("slow.tar.gz"), path: unique("cancel"), namespace: group.fullPath }, token);
    expect(answer.status).toBe(201);
    const bulkImport = await latestImport(user.id);
    // Cancelled while the worker waits for the file.
    const deadline = Date.now() + 30_000;
    while (!server.requests.some((r) => r.url.startsWith("/slow.tar.gz") && r.method === "GET") && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    expect(await cancelBulkImport(user, bulkImport!.id)).toBe(true);
    const [canceled] = await getDb().select().from(bulkImports).where(eq(bulkImports.id, bulkImport!.id));
    expect(canceled).toMatchObject({ status: STATUS.canceled, tokenCiphertext: "" });
    // The download ends later (its directory goes once it has): nothing of it is kept, nothing imported.
    const until = Date.now() + 30_000;
    await new Promise((r) => setTimeout(r, 2_000));
    while (leftovers(bulkImport!.id).length > 0 && Date.now() < until) await new Promise((r) => setTimeout(r, 100));
    expect(leftovers(bulkImport!.id)).toEqual([]);
    expect(await statusOf(answer.body.id as number, token)).toMatchObject({ import_status: "canceled" });
    const [count] = await getDb().select({ n: sql<number>`count(*)::int` }).from(issues).where(eq(issues.projectId, answer.body.id as number));
    expect(count!.n).toBe(0);
  });

  it("overwrites an existing project only once the remote import is complete, and keeps it when the download fails", async () => {
    const { user, token, group } = await setup("overwrite");
    const old = await createProject(user, { name: "Old", path: unique("old"), namespaceId: group.id });
    const inGroup = (projectPath: string) => getDb().select({ id: projects.id }).from(projects).where(and(eq(projects.namespaceId, group.id), eq(projects.path, projectPath)));

    files.set("/broken.tar.gz", { body: await tarGzOf(projectFixtureMembers("complex")), status: 500 });
    const failing = await post({ url: urlOf("broken.tar.gz"), path: old.path, name: "Old", namespace: group.fullPath, overwrite: true }, token);
    expect(failing.status).toBe(201);
    expect(failing.body.path).not.toBe(old.path);
    await waitForImports([(await latestImport(user.id))!.id]);
    expect(await inGroup(old.path)).toEqual([{ id: old.id }]);

    files.set("/good.tar.gz", { body: await tarGzOf(projectFixtureMembers("complex")) });
    const answer = await post({ url: urlOf("good.tar.gz"), path: old.path, name: "Old", namespace: group.fullPath, overwrite: "true" }, token);
    expect(answer.status).toBe(201);
    const [ended] = await waitForImports([(await latestImport(user.id))!.id]);
    expect(ended).toMatchObject({ status: STATUS.finished });
    expect(await inGroup(old.path)).toEqual([{ id: answer.body.id }]);
    expect(await getDb().select().from(projects).where(eq(projects.id, old.id))).toEqual([]);
  });
});
