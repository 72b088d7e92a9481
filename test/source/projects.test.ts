import fs from "node:fs";
import path from "node:path";
import { Readable } from "node:stream";
import { gunzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readTarGz } from "@/lib/archive";
import { git, gitRun, temporaryDirectory } from "@/test/helpers/git-client";
import { makeSourceRepository } from "@/test/helpers/source-repository";
import { projectTreeFile, projectTreeFolder } from "./fixture-loader";
import type { SourceProject } from "./fixture-store";
import { fromArchive, fromLfsObjects, fromRecords } from "./relation-source";
import { ROUTES } from "./routes";
import { DEFAULT_TOKEN, startTestSource, type TestSource } from "./server";
import { api, exportAndWaitAt, fixtureLines, gunzipText, json, lines, type ExportStatusEntry } from "./test-client";
import { ACCESS } from "./types";

type ProjectJson = Record<string, unknown> & { id: number; path_with_namespace: string };

const ROOT = "ymg09t5704clnxnqfgaj2h098gz4r7gyx4wc3fzmlqj1en24zf";
const CHILD = "pwip17beq7vl4nuwz9ie7bk8navpxj1w04zylmmjveab5bargr";
const work = temporaryDirectory("ferry-source-projects-");

/** The relations of the complex fixture that a direct transfer export has (the others are not GitLab's DT relations). */
const SERVED_FIXTURE_RELATIONS = [
  "auto_devops", "boards", "ci_cd_settings", "ci_pipelines", "commit_notes", "container_expiration_policy", "custom_attributes",
  "error_tracking_setting", "external_pull_requests", "issues", "labels", "merge_requests", "milestones", "pipeline_schedules",
  "project_badges", "project_feature", "protected_branches", "protected_tags", "releases", "snippets",
];

let source: TestSource;
let repo: string;
let alpha: SourceProject;
let beta: SourceProject;
let gamma: SourceProject;
let empty: SourceProject;

beforeAll(async () => {
  repo = await makeSourceRepository(work, { commits: 4, branches: 3, tags: 3, mergeRequestRefs: 2 });
  source = await startTestSource({
    exportDelayMs: 0,
    tokens: [
      { token: DEFAULT_TOKEN, scopes: ["api"], userId: 1 },
      { token: "owner", scopes: ["api"], userId: 1 },
      { token: "outsider", scopes: ["api"], userId: 2 },
      { token: "reporter", scopes: ["api"], userId: 3 },
      { token: "maintainer", scopes: ["api"], userId: 4 },
    ],
  });
  source.setAccess(4351, 2, ACCESS.none);
  source.setAccess(4351, 3, ACCESS.reporter);
  source.setAccess(4351, 4, ACCESS.maintainer);
  alpha = source.addProject({ groupId: 4351, path: "alpha", name: "Alpha", fixtureProject: "complex", repository: repo, topics: ["zeta", "api"], createdAt: "2024-01-01T00:00:00Z" });
  beta = source.addProject({ groupId: 4351, path: "beta", name: "Beta", archived: true, createdAt: "2024-01-02T00:00:00Z" });
  empty = source.addProject({ groupId: 4351, path: "empty", name: "Empty", createdAt: "2024-01-03T00:00:00Z" });
  gamma = source.addProject({ groupId: 4352, path: "gamma", name: "Gamma", createdAt: "2024-01-04T00:00:00Z" });
});
afterAll(() => source.close());

const projectBase = (idOrPath: number | string) => `/projects/${encodeURIComponent(String(idOrPath))}`;
const download = (project: SourceProject, query: string, token = "owner") => api(source, `${projectBase(project.id)}/export_relations/download?${query}`, { token });

async function untar(response: Response) {
  const entries: { path: string; type: string; linkName: string; data: Buffer }[] = [];
  for await (const entry of readTarGz(Readable.from(Buffer.from(await response.arrayBuffer())))) {
    const chunks: Buffer[] = [];
    for await (const chunk of entry.body) chunks.push(chunk);
    entries.push({ path: entry.path, type: entry.type, linkName: entry.linkName, data: Buffer.concat(chunks) });
  }
  return entries;
}

const refsOf = (gitDir: string) => git(gitDir, ["for-each-ref", "--format=%(objectname) %(objecttype) %(refname)"]);

describe("GET /groups/:id/projects", () => {
  it("lists a group's projects newest first, paginated with GitLab's headers", async () => {
    const first = await api(source, "/groups/4351/projects?per_page=2", { token: "owner" });
    expect(first.status).toBe(200);
    expect(first.headers.get("x-total")).toBe("3");
    expect(first.headers.get("x-total-pages")).toBe("2");
    expect(first.headers.get("x-next-page")).toBe("2");
    expect(first.headers.get("x-prev-page")).toBe("");
    expect(first.headers.get("link")).toContain('rel="next"');
    const page1 = await json<ProjectJson[]>(first);
    expect(page1.map((p) => p.path)).toEqual(["empty", "beta"]);
    const page2 = await json<ProjectJson[]>(await api(source, "/groups/4351/projects?per_page=2&page=2", { token: "owner" }));
    expect(page2.map((p) => p.path)).toEqual(["alpha"]);

    const item = page2[0] as ProjectJson;
    expect(item).toMatchObject({
      id: alpha.id,
      name: "Alpha",
      path: "alpha",
      path_with_namespace: `${ROOT}/alpha`,
      name_with_namespace: `${ROOT} / Alpha`,
      description: "Nisi et repellendus ut enim quo accusamus vel magnam.",
      visibility: "private",
      default_branch: "main",
      archived: false,
      empty_repo: false,
      topics: ["api", "zeta"],
      tag_list: ["api", "zeta"],
      http_url_to_repo: `${source.url}/${ROOT}/alpha.git`,
      web_url: `${source.url}/${ROOT}/alpha`,
      created_at: "2024-01-01T00:00:00.000Z",
      namespace: { id: 4351, name: ROOT, path: ROOT, kind: "group", full_path: ROOT, parent_id: null },
      issues_access_level: "enabled",
      repository_access_level: "enabled",
      merge_requests_access_level: "enabled",
      pages_access_level: "private",
      merge_method: "merge",
      squash_option: "default_off",
      merge_commit_template: "merge commit message template",
      ci_config_path: "config/path",
    });
    expect(item).not.toHaveProperty("permissions");
  });

  it("filters by archived, takes subgroups' projects with include_subgroups, and orders as asked", async () => {
    const paths = async (query: string) => (await json<ProjectJson[]>(await api(source, `/groups/4351/projects?${query}`, { token: "owner" }))).map((p) => p.path);
    expect(await paths("archived=false")).toEqual(["empty", "alpha"]);
    expect(await paths("archived=true")).toEqual(["beta"]);
    expect(await paths("include_subgroups=true")).toEqual(["gamma", "empty", "beta", "alpha"]);
    expect(await paths("include_subgroups=true&archived=false&order_by=path&sort=asc")).toEqual(["alpha", "empty", "gamma"]);
    expect(await paths("order_by=id&sort=asc&with_shared=true")).toEqual(["alpha", "beta", "empty"]);
    expect(await paths("search=ALP")).toEqual(["alpha"]);
    expect(await paths("")).toEqual(["empty", "beta", "alpha"]);
    expect(await json<ProjectJson[]>(await api(source, `/groups/${encodeURIComponent(`${ROOT}/${CHILD}`)}/projects`, { token: "owner" }))).toMatchObject([
      { id: gamma.id, path_with_namespace: `${ROOT}/${CHILD}/gamma`, namespace: { id: 4352, parent_id: 4351, full_path: `${ROOT}/${CHILD}` } },
    ]);

    const invalid = await api(source, "/groups/4351/projects?archived=maybe", { token: "owner" });
    expect(invalid.status).toBe(400);
    expect(await json(invalid)).toEqual({ error: "archived is invalid" });
    expect(await json(await api(source, "/groups/4351/projects?order_by=stars", { token: "owner" }))).toEqual({ error: "order_by does not have a valid value" });
  });

  it("gives the short entity with simple=true, and hides a private group's projects from outsiders", async () => {
    const simple = await json<ProjectJson[]>(await api(source, "/groups/4351/projects?simple=true&order_by=id&sort=asc", { token: "owner" }));
    expect(simple[0]).toMatchObject({ id: alpha.id, path_with_namespace: `${ROOT}/alpha`, default_branch: "main", namespace: { kind: "group" } });
    expect(Object.keys(simple[0] as object)).not.toContain("archived");
    expect(Object.keys(simple[0] as object)).not.toContain("_links");

    const hidden = await api(source, "/groups/4351/projects", { token: "outsider" });
    expect(hidden.status).toBe(404);
    expect(await json(hidden)).toEqual({ message: "404 Group Not Found" });
  });

  it("shows the group's own projects in GET /groups/:id", async () => {
    const group = await json<{ projects: ProjectJson[] }>(await api(source, "/groups/4351", { token: "owner" }));
    expect(group.projects.map((p) => p.path).sort()).toEqual(["alpha", "beta", "empty"]);
  });
});

describe("GET /projects/:id", () => {
  it("finds a project by id and by URL-encoded full path", async () => {
    const byId = await api(source, projectBase(alpha.id), { token: "owner" });
    expect(byId.status).toBe(200);
    const project = await json<ProjectJson>(byId);
    expect(project).toMatchObject({ id: alpha.id, path_with_namespace: `${ROOT}/alpha`, empty_repo: false, permissions: { project_access: null, group_access: { access_level: 50 } } });
    expect(alpha.fullPath).toBe(`${ROOT}/alpha`);
    const byPath = await json<ProjectJson>(await api(source, projectBase(alpha.fullPath), { token: "owner" }));
    expect(byPath).toEqual(project);
    const byOtherCase = await api(source, projectBase(`${ROOT.toUpperCase()}/ALPHA`), { token: "owner" });
    expect((await json<ProjectJson>(byOtherCase)).id).toBe(alpha.id);

    expect(await json(await api(source, projectBase(empty.id), { token: "owner" }))).toMatchObject({ empty_repo: true, default_branch: "main" });
    // A Reporter of the group sees the project; the CI settings are a Maintainer's.
    const seen = await json<ProjectJson>(await api(source, projectBase(alpha.id), { token: "reporter" }));
    expect(seen).toMatchObject({ id: alpha.id, permissions: { group_access: { access_level: 20 } } });
    expect(seen).not.toHaveProperty("ci_default_git_depth");
  });

  it("answers 404 Project Not Found to a user who cannot see it, and for an unknown one", async () => {
    for (const [target, token] of [[alpha.id, "outsider"], [`${ROOT}/alpha`, "outsider"], [999_999, "owner"], [`${ROOT}/nope`, "owner"]] as const) {
      const response = await api(source, projectBase(target), { token });
      expect(response.status).toBe(404);
      expect(await json(response)).toEqual({ message: "404 Project Not Found" });
    }
  });
});

describe("project export_relations", () => {
  it("exports self, GitLab's project relations and the fixture's records", async () => {
    const statuses = await exportAndWaitAt(source, projectBase(alpha.id), false, "maintainer");
    const names = statuses.map((s) => s.relation);
    expect(names[0]).toBe("self");
    for (const relation of [...SERVED_FIXTURE_RELATIONS, "repository", "design", "uploads", "lfs_objects", "service_desk_setting"]) expect(names).toContain(relation);
    // Members come by GraphQL; services, triggers and the design row are no direct transfer relations.
    for (const relation of ["members", "project_members", "services", "triggers", "design_management_repository", "badges", "repository_bundle"]) {
      expect(names).not.toContain(relation);
    }
    // EE relations only on an Enterprise source (the default is 17.8.0-ee).
    expect(names).toEqual(expect.arrayContaining(["protected_environments", "vulnerabilities", "push_rule"]));
    expect(statuses.every((s) => s.status === 1)).toBe(true);

    const self = await download(alpha, "relation=self", "maintainer");
    expect(self.status).toBe(200);
    expect(self.headers.get("content-disposition")).toContain('filename="self.json.gz"');
    const selfText = await gunzipText(self);
    expect(selfText).not.toContain("\n");
    const attributes = JSON.parse(selfText) as Record<string, unknown>;
    const fixture = JSON.parse(fs.readFileSync(path.join(projectTreeFolder("complex"), "project.json"), "utf8")) as Record<string, unknown>;
    expect(attributes).toMatchObject({ ...fixture, visibility_level: 0, archived: false });
    for (const excluded of ["id", "name", "path", "namespace_id"]) expect(attributes).not.toHaveProperty(excluded);

    for (const relation of SERVED_FIXTURE_RELATIONS) {
      const file = projectTreeFile(relation);
      const response = await download(alpha, `relation=${relation}`, "maintainer");
      expect(response.headers.get("content-disposition"), relation).toContain(`filename="${relation}.ndjson.gz"`);
      const body = Buffer.from(await response.arrayBuffer());
      expect(body.length, relation).toBe(Number(response.headers.get("content-length")));
      expect(gunzipSync(body).toString("utf8"), relation).toBe(fs.readFileSync(file, "utf8"));
      expect(statuses.find((s) => s.relation === relation)?.total_objects_count, relation).toBe(fixtureLines(file).length);
    }
    // The fixture's issues file has 12 lines: 12 records, each one line of the download.
    const issues = lines(await gunzipText(await download(alpha, "relation=issues", "maintainer")));
    expect(issues.length).toBe(fs.readFileSync(projectTreeFile("issues"), "utf8").split("\n").filter(Boolean).length);
    expect(issues.length).toBe(12);
  });

  it("serves the repository as repository.tar.gz holding a bundle of every ref", async () => {
    const statuses = await exportAndWaitAt(source, projectBase(alpha.id));
    expect(statuses.find((s) => s.relation === "repository")).toMatchObject({ status: 1, batched: false, total_objects_count: 1 });
    const response = await download(alpha, "relation=repository");
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("application/octet-stream");
    expect(response.headers.get("content-disposition")).toContain('filename="repository.tar.gz"');
    const entries = await untar(response);
    expect(entries.map((e) => [e.path, e.type])).toEqual([
      ["./", "directory"],
      ["./repository.bundle", "file"],
    ]);

    const bundle = path.join(work, "alpha.bundle");
    fs.writeFileSync(bundle, entries[1]!.data);
    // `git bundle verify` needs a repository to check prerequisites in: an empty one, as the importer's.
    const verifier = path.join(work, "verifier.git");
    await git(work, ["init", "--quiet", "--bare", verifier]);
    const verified = await gitRun(verifier, ["bundle", "verify", bundle]);
    expect(verified.code, verified.stderr).toBe(0);
    const mirror = path.join(work, "alpha-mirror.git");
    await git(work, ["clone", "--quiet", "--mirror", bundle, mirror]);
    const sourceRefs = await refsOf(repo);
    expect(await refsOf(mirror)).toBe(sourceRefs);
    // What the helper made: main, 3 branches, a lightweight and 2 annotated tags... and 2 merge request refs.
    expect(sourceRefs).toMatch(/ commit refs\/merge-requests\/2\/head$/m);
    expect(sourceRefs).toMatch(/ tag refs\/tags\/v1\.2$/m);
    expect(sourceRefs).toMatch(/ commit refs\/tags\/v1\.1$/m);
    expect(sourceRefs.split("\n").length).toBe(1 + 3 + 3 + 2);
    expect(await git(mirror, ["cat-file", "-t", "main:assets/logo.bin"])).toBe("blob");
  });

  it("serves an empty repository as an archive without a bundle, and lfs_objects with its listing", async () => {
    const statuses = await exportAndWaitAt(source, projectBase(empty.id));
    expect(statuses.find((s) => s.relation === "repository")).toMatchObject({ status: 1, total_objects_count: 1 });
    expect((await untar(await download(empty, "relation=repository"))).map((e) => e.path)).toEqual(["./"]);
    expect((await untar(await download(empty, "relation=design"))).map((e) => e.path)).toEqual(["./"]);
    const lfs = await untar(await download(empty, "relation=lfs_objects"));
    expect(lfs.map((e) => e.path)).toEqual(["./", "./lfs_objects.json"]);
    expect(JSON.parse(lfs[1]!.data.toString("utf8"))).toEqual({});
    expect(await untar(await download(empty, "relation=uploads"))).toEqual([]);
    expect(statuses.find((s) => s.relation === "issues")).toMatchObject({ status: 1, total_objects_count: 0 });
    expect(await gunzipText(await download(empty, "relation=issues"))).toBe("");
  });

  it("batches has_many relations from 16.2, never self, has_one relations or the repository", async () => {
    source.config.batchSize = 5;
    const objects = [Buffer.from("first object"), Buffer.from("second object"), Buffer.from("third object")];
    source.setProjectRelation(beta.id, "lfs_objects", fromLfsObjects(objects.map((data) => ({ data }))));
    source.setProjectRelation(beta.id, "issues", fromRecords(Array.from({ length: 12 }, (_, i) => ({ iid: i + 1, title: `Issue ${i + 1}` }))));
    try {
      const statuses = await exportAndWaitAt(source, projectBase(beta.id), true);
      const of = (relation: string) => statuses.find((s) => s.relation === relation) as ExportStatusEntry;
      for (const relation of ["self", "repository", "project_feature", "ci_cd_settings", "design"]) expect(of(relation).batched, relation).toBe(false);
      expect(of("issues")).toMatchObject({ batched: true, batches_count: 3, total_objects_count: 12 });
      expect(of("issues").batches?.map((b) => b.objects_count)).toEqual([5, 5, 2]);
      const third = await download(beta, "relation=issues&batched=true&batch_number=3");
      expect(lines(await gunzipText(third)).map((line) => (JSON.parse(line) as { iid: number }).iid)).toEqual([11, 12]);
      expect(of("lfs_objects")).toMatchObject({ batched: true, batches_count: 1, total_objects_count: 3 });
      const lfs = await untar(await download(beta, "relation=lfs_objects&batched=true&batch_number=1"));
      expect(lfs.map((e) => e.path).slice(0, 1)).toEqual(["./"]);
      expect(lfs.filter((e) => e.type === "file").map((e) => e.data.toString())).toEqual([...objects.map(String), expect.any(String)]);
      expect(Object.values(JSON.parse(lfs.at(-1)!.data.toString()) as Record<string, unknown>)).toEqual([["project"], ["project"], ["project"]]);
      const wrong = await download(beta, "relation=repository&batched=true&batch_number=1");
      expect(wrong.status).toBe(400);
      expect(await json(wrong)).toEqual({ message: "Export is not batched" });
    } finally {
      source.config.batchSize = 1000;
    }
  });

  it("refuses an unknown relation with 400, and a source before 15.1 has no repository relation", async () => {
    await exportAndWaitAt(source, projectBase(empty.id));
    const unknown = await download(empty, "relation=nothing");
    expect(unknown.status).toBe(400);
    expect(await json(unknown)).toEqual({ error: "relation is not portable" });
    const groupName = await download(empty, "relation=badges");
    expect(groupName.status).toBe(400);

    // A project no export has touched yet: the status lists every export the user ever made of a project.
    const old = source.addProject({ groupId: 4351, path: "old", repository: repo });
    source.config.version = "15.0.0";
    try {
      const statuses = await exportAndWaitAt(source, projectBase(old.id));
      const names = statuses.map((s) => s.relation);
      expect(names).not.toContain("repository");
      expect(names).not.toContain("design");
      expect(names).not.toContain("commit_notes");
      expect(names).not.toContain("vulnerabilities");
      expect(names).toContain("issues");
      for (const status of statuses) expect(Object.keys(status).sort()).toEqual(["error", "relation", "status", "updated_at"]);
      const repository = await download(old, "relation=repository");
      expect(repository.status).toBe(400);
      expect(await json(repository)).toEqual({ error: "relation is not portable" });
      const issues = await download(old, "relation=issues");
      expect(issues.status).toBe(200);
    } finally {
      source.config.version = "17.8.0-ee";
    }
  });

  it("lets Maintainers and up export, answers 403 to a Reporter and 404 to who cannot see the project", async () => {
    const reporter = await api(source, `${projectBase(alpha.id)}/export_relations`, { method: "POST", token: "reporter" });
    expect(reporter.status).toBe(403);
    expect(await json(reporter)).toEqual({ message: "403 Forbidden" });
    const outsider = await api(source, `${projectBase(alpha.id)}/export_relations/status`, { token: "outsider" });
    expect(outsider.status).toBe(404);
    expect(await json(outsider)).toEqual({ message: "404 Project Not Found" });
    // Exports are per user: the maintainer's are not the owner's.
    await exportAndWaitAt(source, projectBase(gamma.id), false, "maintainer");
    expect(await json(await api(source, `${projectBase(gamma.id)}/export_relations/status`, { token: "reporter" }))).toMatchObject({ message: "403 Forbidden" });
    const mine = await json<ExportStatusEntry>(await api(source, `${projectBase(gamma.id)}/export_relations/status?relation=labels`, { token: "maintainer" }));
    expect(mine).toMatchObject({ relation: "labels", status: 1 });
  });

  it("answers 404 on every project export endpoint when direct transfer is disabled", async () => {
    source.config.directTransferEnabled = false;
    try {
      for (const [method, suffix] of [["POST", ""], ["GET", "/status"], ["GET", "/download?relation=issues"]] as const) {
        const response = await api(source, `${projectBase(alpha.id)}/export_relations${suffix}`, { method, token: "owner" });
        expect(response.status).toBe(404);
        expect(await json(response)).toEqual({ message: "404 Not Found" });
      }
    } finally {
      source.config.directTransferEnabled = true;
    }
  });
});

describe("hostile repository archives", () => {
  let hostile: SourceProject;
  beforeAll(() => {
    hostile = source.addProject({ groupId: 4351, path: "hostile" });
  });

  const repositoryEntries = async (entries: Parameters<typeof fromArchive>[0]) => {
    source.setProjectRelation(hostile.id, "repository", fromArchive(entries));
    const statuses = await exportAndWaitAt(source, projectBase(hostile.id));
    const status = statuses.find((s) => s.relation === "repository");
    const response = await download(hostile, "relation=repository");
    expect(response.headers.get("content-disposition")).toContain('filename="repository.tar.gz"');
    return { status, entries: await untar(response) };
  };

  it("serves a corrupt bundle as given, which git refuses", async () => {
    const { entries } = await repositoryEntries([{ name: "./repository.bundle", data: Buffer.from("# v2 git bundle\nnot really\n") }]);
    expect(entries.map((e) => e.path)).toEqual(["./repository.bundle"]);
    const file = path.join(work, "corrupt.bundle");
    fs.writeFileSync(file, entries[0]!.data);
    const refused = await gitRun(path.join(work, "verifier.git"), ["bundle", "verify", file]);
    expect(refused.code).not.toBe(0);
    expect(refused.stderr).not.toMatch(/need a repository/);
  });

  it("serves a symlink entry and two bundles as given", async () => {
    const link = await repositoryEntries([{ name: "./repository.bundle", type: "symlink", linkName: "/etc/passwd" }]);
    expect(link.entries).toMatchObject([{ path: "./repository.bundle", type: "symlink", linkName: "/etc/passwd" }]);

    const data = fs.readFileSync(path.join(work, "alpha.bundle"));
    const two = await repositoryEntries([
      { name: "./repository.bundle", data },
      { name: "./other/repository.bundle", data },
    ]);
    expect(two.status).toMatchObject({ status: 1, total_objects_count: 2 });
    expect(two.entries.map((e) => e.path)).toEqual(["./repository.bundle", "./other/repository.bundle"]);
  });
});

describe("a repository that cannot be bundled", () => {
  it("fails the repository export with git's complaint, and nothing else", async () => {
    const notARepository = path.join(work, "not-a-repository");
    fs.mkdirSync(notARepository, { recursive: true });
    const broken = source.addProject({ groupId: 4351, path: "broken", repository: notARepository });
    const statuses = await exportAndWaitAt(source, projectBase(broken.id));
    const repository = statuses.find((s) => s.relation === "repository");
    expect(repository).toMatchObject({ status: -1 });
    expect(repository?.error).toMatch(/git/i);
    expect(statuses.filter((s) => s.status === -1).map((s) => s.relation)).toEqual(["repository"]);
    const missing = await download(broken, "relation=repository");
    expect(missing.status).toBe(404);
    expect(await json(missing)).toEqual({ message: "Export file not found" });
  });
});

describe("project-scoped faults", () => {
  it("hit only the project they name", async () => {
    await exportAndWaitAt(source, projectBase(alpha.id));
    await exportAndWaitAt(source, projectBase(empty.id));
    await exportAndWaitAt(source, "/groups/4351");

    const failing = source.faults.serverError({ projectId: alpha.id, endpoint: ROUTES.projectExportDownload, status: 503, times: 2 });
    expect((await download(empty, "relation=issues")).status).toBe(200);
    expect((await api(source, "/groups/4351/export_relations/download?relation=labels")).status).toBe(200);
    expect((await api(source, projectBase(alpha.id))).status).toBe(200);
    expect((await download(alpha, "relation=issues")).status).toBe(503);
    expect((await download(alpha, "relation=self")).status).toBe(503);
    expect(failing.hits).toBe(2);
    expect((await download(alpha, "relation=issues")).status).toBe(200);

    const limited = source.faults.rateLimit({ projectId: alpha.id, retryAfter: 7, times: 1 });
    const throttled = await api(source, projectBase(alpha.id));
    expect(throttled.status).toBe(429);
    expect(throttled.headers.get("retry-after")).toBe("7");
    expect((await api(source, projectBase(alpha.id))).status).toBe(200);
    expect(limited.hits).toBe(1);

    // A truncated repository archive: the gzip stream ends early, for this project only.
    source.faults.truncate({ projectId: alpha.id, relation: "repository", times: 1 });
    const cut = Buffer.from(await (await download(alpha, "relation=repository")).arrayBuffer());
    expect(() => gunzipSync(cut)).toThrow();
    expect((await untar(await download(alpha, "relation=repository"))).map((e) => e.path)).toEqual(["./", "./repository.bundle"]);

    source.faults.reset({ projectId: empty.id, relation: "repository", times: 1 });
    await expect(download(empty, "relation=repository").then((r) => r.arrayBuffer())).rejects.toThrow();

    source.faults.exportFailed({ projectId: alpha.id, relation: "repository", error: "Gitlab::Git::CommandError", times: 1 });
    const afterFailure = await exportAndWaitAt(source, projectBase(alpha.id));
    expect(afterFailure.find((s) => s.relation === "repository")).toMatchObject({ status: -1, error: "Gitlab::Git::CommandError" });
    const missing = await download(alpha, "relation=repository");
    expect(missing.status).toBe(404);
    expect(await json(missing)).toEqual({ message: "Export file not found" });
    expect((await exportAndWaitAt(source, projectBase(empty.id))).find((s) => s.relation === "repository")?.status).toBe(1);

    // A group-scoped fault leaves projects alone.
    source.faults.serverError({ groupId: 4351, times: 1 });
    expect((await api(source, projectBase(alpha.id))).status).toBe(200);
    expect((await api(source, "/groups/4351")).status).toBe(500);
  });
});
