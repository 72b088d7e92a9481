import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { and, eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { ACCESS_LEVELS, appSettings, bulkImports, getDb, groupMembers, issues, lfsObjectsProjects, projects, snippets, uploads } from "@/lib/db";
import { createGroup } from "@/lib/groups";
import { STATUS, TRACKER_STATUS } from "@/lib/migration";
import { importsRoot } from "@/lib/migration/file-import/archive-store";
import { importRequest, projectFixtureCount, projectFixtureMembers, tarGzOf, type Member } from "@/lib/migration/file-import/test-archives";
import { createProject } from "@/lib/projects";
import { createRepository, repositoryPath } from "@/lib/repositories";
import { tokenFor } from "@/test/helpers/api";
import { makeUser, unique } from "@/test/helpers/factories";
import { git, temporaryDirectory } from "@/test/helpers/git-client";
import { directoriesRemoved, importResult, importStoreRemoved, waitForImports } from "@/test/helpers/imports";
import { runImportWorker } from "@/test/helpers/import-worker";
import { snippetBundleDigest } from "@/lib/snippets";
import { makeSnippetRepository, makeSourceRepository } from "@/test/helpers/source-repository";
import { GET as getStatus } from "../[id]/import/route";
import { POST } from "./route";

runImportWorker("pgboss_project_file_import_test");

const work = temporaryDirectory("ferry-project-import-");

const post = async (request: Request) => {
  const response = await POST(request, { params: Promise.resolve({}) });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
};

const statusOf = async (projectId: number, token: string) => {
  const response = await getStatus(new Request(`http://ferry.test/api/v4/projects/${projectId}/import`, { headers: { "private-token": token } }), { params: Promise.resolve({ id: String(projectId) }) });
  return (await response.json()) as Record<string, unknown>;
};

const send = (fields: Record<string, string>, archive: Buffer | null, token: string) => post(importRequest(fields, archive, token, "projects/import"));

async function latestImport(userId: number) {
  const [row] = await getDb().select().from(bulkImports).where(eq(bulkImports.userId, userId)).orderBy(sql`${bulkImports.id} desc`).limit(1);
  return row;
}

const refsOf = (repo: string) => git(work, ["--git-dir", repo, "for-each-ref", "--format=%(refname) %(objectname)"]);

/** A bundle of a repository (every ref), as GitLab's RepoSaver writes `project.bundle`, and the refs it holds. */
async function bundleOf(repo: string): Promise<{ bundle: Buffer; refs: string }> {
  const file = path.join(work, `${path.basename(repo)}.bundle`);
  await git(work, ["--git-dir", repo, "bundle", "create", "--quiet", file, "--all"]);
  return { bundle: fs.readFileSync(file), refs: await refsOf(repo) };
}

const repositoryBundle = async () => bundleOf(await makeSourceRepository(work, { commits: 3, branches: 2, tags: 2, mergeRequestRefs: 1 }));

const uploadsLeftOver = () => fs.readdirSync(importsRoot(), { withFileTypes: true }).filter((entry) => entry.name.startsWith("upload-"));

// Every NDJSON relation of the fixture that Ferry imports, by the tracker that loads it and the archive's file name.
const RELATIONS: [tracker: string, file: string][] = [
  ["labels", "labels"],
  ["milestones", "milestones"],
  ["badges", "project_badges"],
  ["boards", "boards"],
  ["issues", "issues"],
  ["snippets", "snippets"],
  ["merge_requests", "merge_requests"],
  ["external_pull_requests", "external_pull_requests"],
  ["protected_branches", "protected_branches"],
  ["protected_tags", "protected_tags"],
  ["releases", "releases"],
  ["custom_attributes", "custom_attributes"],
  ["pipeline_schedules", "pipeline_schedules"],
  ["ci_pipelines", "ci_pipelines"],
  ["commit_notes", "commit_notes"],
  ["members", "project_members"],
  ["project_feature", "project_feature"],
  ["ci_cd_settings", "ci_cd_settings"],
];

describe("POST /projects/import", () => {
  it("imports GitLab's complex project export with its repository, wiki, snippet repository, uploads and LFS objects, every relation's count equal", async () => {
    const user = await makeUser();
    const token = await tokenFor(user.id);
    const group = await createGroup(user, { name: "Landing", path: unique("landing"), visibility: "internal" });
    const { bundle, refs } = await repositoryBundle();
    const secret = "0123456789abcdef0123456789abcdef";
    const lfs = Buffer.from("large file content\n");
    const oid = createHash("sha256").update(lfs).digest("hex");
    const wiki = await bundleOf(await makeSourceRepository(work, { commits: 2, branches: 0, tags: 0, mergeRequestRefs: 0, binary: false }));
    const snippet = await bundleOf(await makeSnippetRepository(work, [{ "x.rb": "x = 1\n" }]));
    // The fixture's snippet, by the digest GitLab names its bundle with (title, description, created_at, updated_at).
    const at = new Date("2019-11-05T15:06:06.579Z");
    const digest = snippetBundleDigest({ title: "Test snippet title", description: "Test snippet description", createdAt: at, updatedAt: at });
    const extra: Member[] = [
      { header: { name: "./project.bundle" }, data: bundle },
      { header: { name: "./project.wiki.bundle" }, data: wiki.bundle },
      { header: { name: `./snippets/${digest}.bundle` }, data: snippet.bundle },
      { header: { name: `./uploads/${secret}/notes.txt` }, data: Buffer.from("an upload\n") },
      { header: { name: `./lfs-objects/${oid}` }, data: lfs },
      { header: { name: "./lfs-objects.json" }, data: Buffer.from(JSON.stringify({ [oid]: ["project"] })) },
      { header: { name: "./snippets/", type: "directory" } },
    ];
    const projectPath = unique("imported");
    const answer = await send({ path: projectPath, name: "Imported project", namespace: group.fullPath }, await tarGzOf(projectFixtureMembers("complex", extra)), token);
    expect(answer.status).toBe(201);
    expect(answer.body).toMatchObject({ name: "Imported project", path: projectPath, path_with_namespace: `${group.fullPath}/${projectPath}`, import_status: "scheduled", import_type: "gitlab_project", failed_relations: [] });
    const projectId = answer.body.id as number;

    const bulkImport = await latestImport(user.id);
    expect(bulkImport).toMatchObject({ sourceType: "file" });
    const [ended] = await waitForImports([bulkImport!.id]);
    expect(ended).toMatchObject({ status: STATUS.finished });
    const [entry] = [...(await importResult(bulkImport!.id)).values()];
    expect(entry!.entity).toMatchObject({ status: STATUS.finished, projectId, sourceType: "project_entity" });
    expect(entry!.failures.map((f) => `${f.relation}: ${f.exceptionMessage}`)).toEqual([]);
    for (const [tracker, file] of RELATIONS) {
      const n = projectFixtureCount("complex", file);
      expect(n, file).toBeGreaterThan(0);
      expect(entry!.trackers.get(tracker), tracker).toMatchObject({ status: TRACKER_STATUS.finished, importedObjectsCount: n });
    }
    // Read back: the records are the project's, the repository has every ref the bundle had, the files are stored.
    const [issueCount] = await getDb().select({ n: sql<number>`count(*)::int` }).from(issues).where(eq(issues.projectId, projectId));
    expect(issueCount!.n).toBe(projectFixtureCount("complex", "issues"));
    expect(await refsOf(repositoryPath(projectId, "project"))).toBe(refs);
    expect(await refsOf(repositoryPath(projectId, "wiki"))).toBe(wiki.refs);
    const [snippetRow] = await getDb().select({ id: snippets.id }).from(snippets).where(eq(snippets.projectId, projectId));
    expect(await refsOf(repositoryPath(snippetRow!.id, "snippet"))).toBe(snippet.refs);
    expect(entry!.trackers.get("wiki")).toMatchObject({ status: TRACKER_STATUS.finished, importedObjectsCount: 1 });
    expect(entry!.trackers.get("snippets_repository")).toMatchObject({ status: TRACKER_STATUS.finished, importedObjectsCount: 1 });
    expect(entry!.trackers.get("repository_bundle")).toMatchObject({ status: TRACKER_STATUS.finished });
    expect(await getDb().select({ filename: uploads.filename }).from(uploads).where(and(eq(uploads.projectId, projectId), eq(uploads.secret, secret)))).toEqual([{ filename: "notes.txt" }]);
    expect(await getDb().select({ type: lfsObjectsProjects.repositoryType }).from(lfsObjectsProjects).where(eq(lfsObjectsProjects.projectId, projectId))).toEqual([{ type: "project" }]);

    expect(await statusOf(projectId, token)).toMatchObject({ id: projectId, import_status: "finished", import_error: null, failed_relations: [] });
    // The archive's store gives its disk back once the import has ended; no upload is left either.
    expect(await importStoreRemoved(bulkImport!.id)).toBe(true);
    expect(uploadsLeftOver()).toEqual([]);
  });

  it("refuses a hostile archive with GitLab's message, leaving no project, no import and no file behind", async () => {
    const user = await makeUser();
    const token = await tokenFor(user.id);
    const group = await createGroup(user, { name: "Hostile", path: unique("hostile") });
    const legacy = [{ header: { name: "./VERSION" }, data: Buffer.from("0.2.4") }, { header: { name: "./project.json" }, data: Buffer.from('{"description":"old"}') }];
    const cases: [string, Member[], string][] = [
      ["a wrong VERSION", projectFixtureMembers("complex", [], { version: "0.2.3" }), "Import version mismatch: Required 0.2.4 but was 0.2.3"],
      ["the legacy project.json", legacy, "invalid import format"],
      ["a ../ member", projectFixtureMembers("complex", [{ header: { name: "../escape.txt" }, data: Buffer.from("x") }]), "Invalid file path (path traversal or absolute path): ../escape.txt"],
      ["a bundle named twice", projectFixtureMembers("complex", [{ header: { name: "./project.bundle" }, data: Buffer.from("a") }, { header: { name: "project.bundle" }, data: Buffer.from("b") }]), "Duplicate file: project.bundle"],
    ];
    for (const [label, members, message] of cases) {
      const projectPath = unique("hostile");
      const answer = await send({ path: projectPath, namespace: String(group.id) }, await tarGzOf(members), token);
      expect(answer, label).toEqual({ status: 400, body: { message } });
      expect(await getDb().select().from(projects).where(eq(projects.path, projectPath)), label).toEqual([]);
    }
    expect(await latestImport(user.id)).toBeUndefined();
    expect(uploadsLeftOver()).toEqual([]);
  });

  it("fails an import whose bundle is corrupt, with the reason in import_error, and removes its files", async () => {
    const user = await makeUser();
    const token = await tokenFor(user.id);
    const group = await createGroup(user, { name: "Corrupt", path: unique("corrupt") });
    const members = projectFixtureMembers("complex", [{ header: { name: "./project.bundle" }, data: Buffer.from("# v2 git bundle\nnot really\n") }]);
    const answer = await send({ path: unique("corrupt"), namespace: group.fullPath }, await tarGzOf(members), token);
    expect(answer.status).toBe(201);
    const bulkImport = await latestImport(user.id);
    const [ended] = await waitForImports([bulkImport!.id]);
    expect(ended).toMatchObject({ status: STATUS.failed });
    const state = await statusOf(answer.body.id as number, token);
    expect(state).toMatchObject({ import_status: "failed", import_error: expect.stringMatching(/bundle/) });
    expect(state.failed_relations).toEqual([expect.objectContaining({ relation_name: "repository_bundle", exception_message: null })]);
    // Nothing of the archive stays, and the repository holds no ref of it.
    expect(await importStoreRemoved(bulkImport!.id)).toBe(true);
    expect(await git(work, ["--git-dir", repositoryPath(answer.body.id as number, "project"), "for-each-ref"])).toBe("");
  });

  it("answers GitLab's errors: missing path, namespace not found or not the user's, a taken path", async () => {
    const owner = await makeUser();
    const stranger = await makeUser();
    const group = await createGroup(owner, { name: "Mine", path: unique("mine"), visibility: "public" });
    const taken = await createProject(owner, { name: "Taken", path: unique("taken"), namespaceId: group.id });
    const archive = await tarGzOf(projectFixtureMembers("complex"));
    const ownerToken = await tokenFor(owner.id);
    expect(await send({ namespace: group.fullPath }, archive, ownerToken)).toEqual({ status: 400, body: { error: "path is missing" } });
    expect(await send({ path: "x", namespace: group.fullPath }, null, ownerToken)).toEqual({ status: 400, body: { error: "file is missing" } });
    expect(await send({ path: "x", namespace: "no/such/group" }, archive, ownerToken)).toEqual({ status: 404, body: { message: "404 Namespace Not Found" } });
    expect(await send({ path: "x", namespace: group.fullPath }, archive, await tokenFor(stranger.id))).toEqual({ status: 403, body: { message: "403 Forbidden" } });
    // A Developer may create projects in the group, but importing one takes a Maintainer (GitLab 16.0).
    await getDb().insert(groupMembers).values({ groupId: group.id, userId: stranger.id, accessLevel: ACCESS_LEVELS.developer });
    expect(await send({ path: "x", namespace: group.fullPath }, archive, await tokenFor(stranger.id))).toEqual({ status: 403, body: { message: "403 Forbidden" } });
    expect(await send({ path: taken.path, namespace: group.fullPath }, archive, ownerToken)).toEqual({ status: 400, body: { message: "Path has already been taken" } });
    expect(uploadsLeftOver()).toEqual([]);
  });

  it("obeys the administrator: file import off is a 403, the largest import file a 400, the project_import rate limit a 429", async () => {
    const user = await makeUser();
    const token = await tokenFor(user.id);
    const group = await createGroup(user, { name: "Limits", path: unique("limits") });
    const archive = await tarGzOf(projectFixtureMembers("complex"));
    const set = (values: Partial<typeof appSettings.$inferInsert>) => getDb().insert(appSettings).values({ id: 1, ...values }).onConflictDoUpdate({ target: appSettings.id, set: values });
    try {
      await set({ fileImportEnabled: false });
      expect(await send({ path: unique("p"), namespace: group.fullPath }, archive, token)).toEqual({ status: 403, body: { message: "403 Forbidden" } });
      await set({ fileImportEnabled: true, maxImportSizeMb: 1 });
      const big = Buffer.concat([archive, Buffer.alloc(1024 * 1024 + 1)]);
      expect(await send({ path: unique("p"), namespace: group.fullPath }, big, token)).toEqual({ status: 400, body: { message: "File is too big (over 1 MiB)." } });
      await set({ maxImportSizeMb: 0, projectImportLimit: 2 });
      // A fresh user: the uses above counted for the first one.
      const fresh = await tokenFor((await makeUser()).id);
      const statuses: number[] = [];
      for (let i = 0; i < 3; i++) statuses.push((await send({ namespace: group.fullPath }, archive, fresh)).status);
      expect(statuses).toEqual([400, 400, 429]);
    } finally {
      await set({ fileImportEnabled: true, maxImportSizeMb: 0, projectImportLimit: 6 });
    }
    expect(await latestImport(user.id)).toBeUndefined();
    expect(uploadsLeftOver()).toEqual([]);
  });

  it("overwrites an existing project only once the new one is complete, and keeps it when the import fails", async () => {
    const user = await makeUser();
    const token = await tokenFor(user.id);
    const group = await createGroup(user, { name: "Overwrite", path: unique("overwrite") });
    const old = await createProject(user, { name: "Old", path: unique("old"), namespaceId: group.id });
    const [oldSnippet] = await getDb().insert(snippets).values({ projectId: old.id, title: "Old snippet" }).returning();
    await createRepository(oldSnippet!.id, { kind: "snippet" });
    const oldRepositories = [repositoryPath(old.id, "project"), repositoryPath(oldSnippet!.id, "snippet")];
    expect(oldRepositories.map((dir) => fs.existsSync(dir))).toEqual([true, true]);

    // A failing import (corrupt bundle) leaves the old project where it was.
    const corrupt = projectFixtureMembers("complex", [{ header: { name: "./project.bundle" }, data: Buffer.from("# v2 git bundle\nnot really\n") }]);
    const failing = await send({ path: old.path, name: "Old", namespace: group.fullPath, overwrite: "true" }, await tarGzOf(corrupt), token);
    expect(failing.status).toBe(201);
    expect(failing.body.path).not.toBe(old.path);
    await waitForImports([(await latestImport(user.id))!.id]);
    const [still] = await getDb().select({ id: projects.id }).from(projects).where(and(eq(projects.namespaceId, group.id), eq(projects.path, old.path)));
    expect(still).toEqual({ id: old.id });
    expect(oldRepositories.map((dir) => fs.existsSync(dir))).toEqual([true, true]);

    const answer = await send(
      { path: old.path, name: "Old", namespace: group.fullPath, overwrite: "true", "override_params[description]": "Overridden" },
      await tarGzOf(projectFixtureMembers("complex")),
      token,
    );
    expect(answer.status).toBe(201);
    const [ended] = await waitForImports([(await latestImport(user.id))!.id]);
    expect(ended).toMatchObject({ status: STATUS.finished });
    const [now] = await getDb().select().from(projects).where(and(eq(projects.namespaceId, group.id), eq(projects.path, old.path)));
    expect(now).toMatchObject({ id: answer.body.id, name: "Old", description: "Overridden" });
    expect(await getDb().select().from(projects).where(eq(projects.id, old.id))).toEqual([]);
    // Its repositories, its snippets' included, go once the swap has committed.
    expect(await directoriesRemoved(oldRepositories)).toBe(true);
  });
});
