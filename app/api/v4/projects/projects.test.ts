import fs from "node:fs";
import { describe, expect, it } from "vitest";
import { ACCESS_LEVELS, getDb, groupMembers, projectMembers } from "@/lib/db";
import { createGroup, type Group } from "@/lib/groups";
import { createProject } from "@/lib/projects";
import { repositoryExists, repositoryPath, runGit } from "@/lib/repositories";
import { call, tokenFor } from "@/test/helpers/api";
import { documentedExamples, shapeProblems, type Json } from "@/test/helpers/api-shapes";
import { makeUser, unique } from "@/test/helpers/factories";
import { GET as groupProjects } from "../groups/[id]/projects/route";
import { POST as archive } from "./[id]/archive/route";
import { GET as allMembers } from "./[id]/members/all/route";
import { GET as members } from "./[id]/members/route";
import { DELETE as deleteProject, GET as getProject, PUT as putProject } from "./[id]/route";
import { POST as unarchive } from "./[id]/unarchive/route";
import { GET as listProjects, POST as postProject } from "./route";

const BASE = "http://ferry.test";

const docs = documentedExamples;
const DOC_PROJECT = docs("projects.from_doc.json")["GET /projects/:id"] as Json;
const DOC_LIST_ITEM = docs("projects.from_doc.json")["GET /projects (example response, first item)"] as Json;
const DOC_GROUP_PROJECT = ((docs("groups.from_doc.json")["GET /groups/:id"] as Json).projects as Json[])[0]!;

/**
 * Documented fields Ferry does not give, and why. Everything else GitLab's examples show must be there, with the
 * same JSON type wherever both sides have a value.
 */
const NOT_GIVEN = [
  // Read from the repository's content: Ferry answers the API without reading git.
  "readme_url",
  "empty_repo",
  "license_url",
  "license",
  // Personal projects only; Ferry's projects are all in groups.
  "owner",
  // Shown to administrators only; these callers are the projects' Owners.
  "repository_storage",
  // Features Ferry does not have: container registry, CI runners, Service Desk, mirrors, delayed deletion.
  "container_expiration_policy",
  "container_registry_image_prefix",
  "runners_token",
  "service_desk_address",
  "mirror",
  "mirror_user_id",
  "mirror_trigger_builds",
  "only_mirror_protected_branches",
  "mirror_overwrites_diverged_branches",
  "marked_for_deletion_at",
  "marked_for_deletion_on",
  // Premium / Ultimate.
  "approvals_before_merge",
  "external_authorization_classification_label",
  "compliance_frameworks",
  "spp_repository_pipeline_access",
  "secret_push_protection_enabled",
  "requirements_enabled",
  "requirements_access_level",
  "security_and_compliance_enabled",
  "allow_pipeline_trigger_approve_deployment",
  // Newer than the entity Ferry follows (lib/api/entities/project.rb @ 709229a).
  "ci_display_pipeline_variables",
  "protect_merge_request_pipelines",
  "mr_default_title_template",
  // The doc's misspelling of printing_merge_request_link_enabled, which Ferry gives.
  "printing_merge_requests_link_enabled",
  // Statistics that need a read of git (see lib/projects/statistics.ts).
  "statistics.commit_count",
  "statistics.storage_size",
  "statistics.repository_size",
  "statistics.wiki_size",
];

async function setup(visibility: "private" | "internal" | "public" = "private") {
  const owner = await makeUser();
  const group = await createGroup(owner, { name: unique("Api Group"), path: unique("api"), visibility });
  return { owner, group, token: await tokenFor(owner.id) };
}

async function memberToken(group: Group, level: number) {
  const user = await makeUser();
  await getDb().insert(groupMembers).values({ groupId: group.id, userId: user.id, accessLevel: level });
  return { user, token: await tokenFor(user.id) };
}

const project = (id: number | string) => ({ id: String(id) });

describe("POST /projects", () => {
  it("creates a project and its repository: 201 and GitLab's Project entity", async () => {
    const { owner, group, token } = await setup("public");
    const created = await call(postProject, "/api/v4/projects", {
      token,
      method: "POST",
      body: { name: "Diaspora Client", namespace_id: group.id, description: "A <client>", visibility: "internal", topics: ["web", "ruby"], initialize_with_readme: true, merge_method: "ff" },
    });
    expect(created.status).toBe(201);
    const body = created.body as Json;
    expect(body).toMatchObject({
      name: "Diaspora Client",
      path: "diaspora-client",
      path_with_namespace: `${group.fullPath}/diaspora-client`,
      name_with_namespace: `${group.fullName} / Diaspora Client`,
      description: "A <client>",
      description_html: '<p dir="auto">A &lt;client&gt;</p>',
      visibility: "internal",
      default_branch: "main",
      topics: ["ruby", "web"],
      tag_list: ["ruby", "web"],
      http_url_to_repo: `${BASE}/${group.fullPath}/diaspora-client.git`,
      web_url: `${BASE}/${group.fullPath}/diaspora-client`,
      ssh_url_to_repo: null,
      creator_id: owner.id,
      merge_method: "ff",
      archived: false,
      namespace: { id: group.id, name: group.name, path: group.path, kind: "group", full_path: group.fullPath, parent_id: null, avatar_url: null, web_url: `${BASE}/groups/${group.fullPath}` },
      _links: { self: `${BASE}/api/v4/projects/${body.id}`, members: `${BASE}/api/v4/projects/${body.id}/members` },
    });
    expect(body).not.toHaveProperty("permissions");
    // Statistics come with statistics=true only, permissions with GET.
    const { permissions: _p, statistics: _s, ...documented } = DOC_PROJECT;
    void [_p, _s];
    expect(shapeProblems(body, documented, NOT_GIVEN)).toEqual([]);
    expect(await repositoryExists(body.id as number, "project")).toBe(true);
  });

  it("takes a form with topics as a comma-separated list and the path alone", async () => {
    const { group, token } = await setup();
    const created = await call(postProject, "/api/v4/projects", { token, method: "POST", form: { path: "from-form", namespace_id: String(group.id), topics: "b, a", default_branch: "trunk" } });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ name: "from-form", path: "from-form", topics: ["a", "b"], default_branch: "trunk", visibility: "private" });
  });

  it("answers GitLab's errors: validation under `message`, missing parameters under `error`, the token's 401 and 403", async () => {
    const { owner, group, token } = await setup();
    await createProject(owner, { name: "Taken", path: "taken", namespaceId: group.id });
    const reporter = await memberToken(group, ACCESS_LEVELS.reporter);
    const post = (body: Json, as = token) => call(postProject, "/api/v4/projects", { token: as, method: "POST", body });
    expect(await post({ name: "Again", path: "TAKEN", namespace_id: group.id })).toMatchObject({ status: 400, body: { message: { path: ["has already been taken"] } } });
    expect(await post({ name: "Open", namespace_id: group.id, visibility: "public" })).toMatchObject({ status: 400, body: { message: { visibility_level: ["public is not allowed in a private group."] } } });
    expect(await post({ name: "Bad", path: "bad--path", namespace_id: group.id })).toMatchObject({ status: 400, body: { message: { path: [expect.stringMatching(/consecutive special characters/)] } } });
    expect(await post({ name: "Mine", namespace_id: group.id }, reporter.token)).toMatchObject({ status: 400, body: { message: { namespace: ["is not valid"] } } });
    expect(await post({ namespace_id: group.id })).toMatchObject({ status: 400, body: { error: "name, path are missing, at least one parameter must be provided" } });
    expect(await post({ name: "Nowhere" })).toMatchObject({ status: 400, body: { error: "namespace_id is missing" } });
    expect(await post({ name: "x", namespace_id: group.id, merge_method: "squash" })).toMatchObject({ status: 400, body: { error: "merge_method does not have a valid value" } });
    expect(await post({ name: "x", namespace_id: group.id, initialize_with_readme: "maybe" })).toMatchObject({ status: 400, body: { error: "initialize_with_readme is invalid" } });
    expect((await post({ name: "x", namespace_id: group.id }, await tokenFor(reporter.user.id, ["read_api"]))).status).toBe(403);
    expect((await call(postProject, "/api/v4/projects", { method: "POST", body: { name: "x", namespace_id: group.id } })).status).toBe(401);
    // Repository scopes are for git over HTTP, not for the API, reads included.
    const gitOnly = await tokenFor(owner.id, ["read_repository", "write_repository"]);
    expect(await post({ name: "x", namespace_id: group.id }, gitOnly)).toMatchObject({ status: 403, body: { error: "insufficient_scope" } });
    expect(await call(listProjects, "/api/v4/projects", { token: gitOnly })).toMatchObject({ status: 403, body: { error: "insufficient_scope" } });
  });
});

describe("GET /projects/:id", () => {
  it("finds a project by id or URL-encoded full path, with the caller's permissions, in the documented shape", async () => {
    const { owner, group, token } = await setup("internal");
    const created = await createProject(owner, { name: "Shape", namespaceId: group.id, visibility: "internal" });
    const byId = await call(getProject, `/api/v4/projects/${created.id}?statistics=true`, { token, params: project(created.id) });
    expect(byId.status).toBe(200);
    expect(shapeProblems(byId.body as Json, DOC_PROJECT, NOT_GIVEN)).toEqual([]);
    // An administrator also sees where the repository is stored.
    const admin = await tokenFor((await makeUser({ admin: true })).id);
    expect((await call(getProject, "/x", { token: admin, params: project(created.id) })).body).toMatchObject({ repository_storage: "default", permissions: { project_access: null, group_access: null } });
    expect((byId.body as Json).permissions).toEqual({ project_access: null, group_access: { access_level: 50, notification_level: 3 } });
    const byPath = await call(getProject, "/x?statistics=true", { token, params: project(encodeURIComponent(created.fullPath.toUpperCase())) });
    expect(byPath.body).toEqual(byId.body);
  });

  it("shows public projects to anonymous callers in the short entity, and hides private ones from strangers with a 404", async () => {
    const { owner, group, token } = await setup("public");
    const open = await createProject(owner, { name: "Open", namespaceId: group.id, visibility: "public" });
    const closed = await createProject(owner, { name: "Closed", namespaceId: group.id, visibility: "private" });
    const anonymous = await call(getProject, "/x", { params: project(open.id) });
    expect(anonymous.status).toBe(200);
    expect(Object.keys(anonymous.body as Json)).not.toContain("permissions");
    expect(Object.keys(anonymous.body as Json)).not.toContain("_links");
    const basicKeys = ["id", "description", "name", "name_with_namespace", "path", "path_with_namespace", "created_at", "default_branch", "tag_list", "topics", "ssh_url_to_repo", "http_url_to_repo", "web_url", "avatar_url", "forks_count", "star_count", "last_activity_at", "namespace"];
    expect(Object.keys(anonymous.body as Json).sort()).toEqual([...basicKeys].sort());
    const notFound = { status: 404, body: { message: "404 Project Not Found" } };
    expect(await call(getProject, "/x", { params: project(closed.id) })).toMatchObject(notFound);
    expect(await call(getProject, "/x", { token: await tokenFor((await makeUser()).id), params: project(closed.id) })).toMatchObject(notFound);
    expect(await call(getProject, "/x", { token, params: project(encodeURIComponent(`${group.fullPath}/nothing`)) })).toMatchObject(notFound);
  });

  it("gives statistics to Reporters and up with statistics=true, and the code's details only to those who may read it", async () => {
    const { owner, group } = await setup();
    const created = await createProject(owner, { name: "Stats", namespaceId: group.id });
    const reporter = await memberToken(group, ACCESS_LEVELS.reporter);
    const guest = await memberToken(group, ACCESS_LEVELS.guest);
    const asReporter = (await call(getProject, "/x?statistics=true", { token: reporter.token, params: project(created.id) })).body as Json;
    // commit_count and the repository, wiki and storage sizes need a read of git: not given (see entities/project.ts).
    const { commit_count: _c, storage_size: _s, repository_size: _r, wiki_size: _w, ...computable } = DOC_PROJECT.statistics as Json;
    void [_c, _s, _r, _w];
    expect(asReporter.statistics).toEqual(Object.fromEntries(Object.keys(computable).map((key) => [key, 0])));
    const asGuest = (await call(getProject, "/x?statistics=true", { token: guest.token, params: project(created.id) })).body as Json;
    expect(asGuest).not.toHaveProperty("statistics");
    expect(asGuest).not.toHaveProperty("default_branch");
    expect(asGuest).not.toHaveProperty("ci_default_git_depth");
    expect(asReporter).toHaveProperty("default_branch", "main");
    expect(((await call(getProject, "/x", { token: reporter.token, params: project(created.id) })).body as Json).statistics).toBeUndefined();
  });
});

describe("GET /projects", () => {
  it("filters by membership, ownership, search, visibility and archived, and orders as asked", async () => {
    const { owner, group, token } = await setup("public");
    const tag = unique("lst");
    const a = await createProject(owner, { name: `${tag} alpha`, namespaceId: group.id, visibility: "public", description: "first words" });
    const b = await createProject(owner, { name: `${tag} beta`, namespaceId: group.id, visibility: "internal" });
    const c = await createProject(owner, { name: `${tag} gamma`, namespaceId: group.id, visibility: "private" });
    await call(archive, "/x", { token, method: "POST", params: project(c.id) });
    const list = async (query: string, as: string | null = token) => {
      const answer = await call(listProjects, `/api/v4/projects?search=${tag}&${query}`, { token: as ?? undefined });
      expect(answer.status, query).toBe(200);
      return (answer.body as Json[]).map((p) => p.id);
    };
    expect(await list("")).toEqual([c.id, b.id, a.id]);
    expect(await list("order_by=name&sort=asc")).toEqual([a.id, b.id, c.id]);
    expect(await list("order_by=id&sort=asc&id_after=" + a.id)).toEqual([b.id, c.id]);
    expect(await list("visibility=internal")).toEqual([b.id]);
    expect(await list("archived=true")).toEqual([c.id]);
    expect(await list("archived=false&sort=asc")).toEqual([a.id, b.id]);
    expect(await list("active=true&sort=asc")).toEqual([a.id, b.id]);
    expect(await list("owned=true&min_access_level=50")).toEqual([c.id, b.id, a.id]);
    expect(await list("starred=true")).toEqual([]);
    // Several words must each match, anywhere: name, path or description.
    const words = await call(listProjects, `/api/v4/projects?search=${encodeURIComponent(`first ${tag}`)}`, { token });
    expect((words.body as Json[]).map((p) => p.id)).toEqual([a.id]);

    const stranger = await tokenFor((await makeUser()).id);
    expect(await list("", stranger)).toEqual([b.id, a.id]);
    expect(await list("membership=true", stranger)).toEqual([]);
    expect(await list("", null)).toEqual([a.id]);
  });

  it("answers each project in GitLab's shapes: with permissions signed in, short with simple=true or anonymously", async () => {
    const { owner, group, token } = await setup("public");
    const tag = unique("shp");
    await createProject(owner, { name: `${tag} one`, namespaceId: group.id, visibility: "public" });
    const [full] = (await call(listProjects, `/api/v4/projects?search=${tag}`, { token })).body as Json[];
    expect(shapeProblems(full!, DOC_LIST_ITEM, NOT_GIVEN)).toEqual([]);
    expect(full!.permissions).toEqual({ project_access: null, group_access: { access_level: 50, notification_level: 3 } });
    const [simple] = (await call(listProjects, `/api/v4/projects?search=${tag}&simple=true`, { token })).body as Json[];
    const [anonymous] = (await call(listProjects, `/api/v4/projects?search=${tag}`)).body as Json[];
    expect(Object.keys(simple!).sort()).toEqual(Object.keys(anonymous!).sort());
    expect(simple).not.toHaveProperty("permissions");
    expect(simple).not.toHaveProperty("visibility");
  });

  it("paginates with GitLab's headers", async () => {
    const { owner, group, token } = await setup();
    const tag = unique("pg");
    for (const n of [1, 2, 3]) await createProject(owner, { name: `${tag} ${n}`, namespaceId: group.id });
    const page = await call(listProjects, `/api/v4/projects?search=${tag}&order_by=name&sort=asc&per_page=2&page=1`, { token });
    expect((page.body as Json[]).map((p) => p.name)).toEqual([`${tag} 1`, `${tag} 2`]);
    const h = (name: string) => page.headers.get(name);
    expect([h("x-total"), h("x-total-pages"), h("x-page"), h("x-per-page"), h("x-next-page"), h("x-prev-page")]).toEqual(["3", "2", "1", "2", "2", ""]);
    expect(h("link")).toContain('rel="next"');
    expect(h("link")).toContain(`${BASE}/api/v4/projects?search=${tag}&order_by=name&sort=asc&per_page=2&page=2`);
    const last = await call(listProjects, `/api/v4/projects?search=${tag}&order_by=name&sort=asc&per_page=2&page=2`, { token });
    expect([(last.body as Json[]).length, last.headers.get("x-next-page"), last.headers.get("x-prev-page")]).toEqual([1, "", "1"]);
  });
});

describe("PUT /projects/:id", () => {
  it("lets Maintainers change the attributes and settings, Owners the visibility; refuses others", async () => {
    const { owner, group, token } = await setup("public");
    const created = await createProject(owner, { name: "Editable", namespaceId: group.id });
    await createProject(owner, { name: "Other", path: "other", namespaceId: group.id });
    const maintainer = await memberToken(group, ACCESS_LEVELS.maintainer);
    const developer = await memberToken(group, ACCESS_LEVELS.developer);
    const put = (body: Json, as: string) => call(putProject, "/x", { token: as, method: "PUT", params: project(created.id), body });

    const changed = await put({ name: "Edited", path: "edited", description: "new words", topics: ["x"], issues_enabled: false, squash_option: "always" }, maintainer.token);
    expect(changed.status).toBe(200);
    expect(changed.body).toMatchObject({ name: "Edited", path: "edited", path_with_namespace: `${group.fullPath}/edited`, description: "new words", topics: ["x"], issues_enabled: false, issues_access_level: "disabled", squash_option: "always" });
    expect((changed.body as { _links: Json })._links).not.toHaveProperty("issues");
    expect(changed.body).not.toHaveProperty("permissions");

    expect(await put({ name: "Nope" }, developer.token)).toMatchObject({ status: 403, body: { message: "403 Forbidden" } });
    expect(await put({ visibility: "internal" }, maintainer.token)).toMatchObject({ status: 403 });
    expect(await put({ visibility: "internal" }, token)).toMatchObject({ status: 200, body: { visibility: "internal" } });
    expect(await put({ path: "OTHER" }, token)).toMatchObject({ status: 400, body: { message: { path: ["has already been taken"] } } });
    expect(await put({ default_branch: "bad..name" }, token)).toMatchObject({ status: 400, body: { message: { default_branch: ["is invalid"] } } });
    expect(await put({}, token)).toMatchObject({ status: 400, body: { error: expect.stringMatching(/at least one parameter must be provided$/) } });
    expect(await put({ merge_method: "nope" }, token)).toMatchObject({ status: 400, body: { error: "merge_method does not have a valid value" } });
    expect(await call(putProject, "/x", { token, method: "PUT", params: project(2_147_483_647), body: { name: "x" } })).toMatchObject({ status: 404, body: { message: "404 Project Not Found" } });
  });
});

describe("PUT /projects/:id default_branch", () => {
  it("moves the repository's HEAD to an existing branch, refuses one the repository lacks, and lets an empty repository take any name", async () => {
    const { owner, group, token } = await setup();
    const created = await createProject(owner, { name: "Branchy", namespaceId: group.id, initializeWithReadme: true });
    const gitDir = repositoryPath(created.id, "project");
    const head = async () => (await runGit(["symbolic-ref", "HEAD"], { gitDir, timeoutMs: 10_000, maxStdoutBytes: 1024 })).stdout.toString().trim();
    await runGit(["branch", "develop", "main"], { gitDir, timeoutMs: 10_000, maxStdoutBytes: 1024 });
    const put = (id: number, body: Json) => call(putProject, "/x", { token, method: "PUT", params: project(id), body });

    expect(await put(created.id, { default_branch: "develop" })).toMatchObject({ status: 200, body: { default_branch: "develop" } });
    expect(await head()).toBe("refs/heads/develop");

    // GitLab's refusal; neither the project nor HEAD changes, nor anything else sent with it.
    expect(await put(created.id, { default_branch: "nowhere", description: "not kept" })).toMatchObject({
      status: 400,
      body: { message: "Could not set the default branch. Do you have a branch named 'nowhere'?" },
    });
    expect(await head()).toBe("refs/heads/develop");
    expect(await call(getProject, "/x", { token, params: project(created.id) })).toMatchObject({ body: { default_branch: "develop", description: null } });

    const empty = await createProject(owner, { name: "Empty", namespaceId: group.id });
    expect(await put(empty.id, { default_branch: "trunk" })).toMatchObject({ status: 200, body: { default_branch: "trunk" } });
    expect((await runGit(["symbolic-ref", "HEAD"], { gitDir: repositoryPath(empty.id, "project"), timeoutMs: 10_000, maxStdoutBytes: 1024 })).stdout.toString().trim()).toBe("refs/heads/trunk");
  });
});

describe("DELETE /projects/:id and archiving", () => {
  it("lets Owners archive, unarchive and delete; the repository goes with the project", async () => {
    const { owner, group, token } = await setup();
    const created = await createProject(owner, { name: "Doomed", namespaceId: group.id, initializeWithReadme: true });
    const maintainer = await memberToken(group, ACCESS_LEVELS.maintainer);
    const params = project(created.id);

    expect(await call(archive, "/x", { token: maintainer.token, method: "POST", params })).toMatchObject({ status: 403 });
    expect(await call(archive, "/x", { token, method: "POST", params })).toMatchObject({ status: 201, body: { id: created.id, archived: true } });
    expect(await call(unarchive, "/x", { token, method: "POST", params })).toMatchObject({ status: 201, body: { archived: false } });

    expect(await call(deleteProject, "/x", { token: maintainer.token, method: "DELETE", params })).toMatchObject({ status: 403, body: { message: "403 Forbidden" } });
    expect(fs.existsSync(repositoryPath(created.id, "project"))).toBe(true);
    expect(await call(deleteProject, "/x", { token, method: "DELETE", params })).toEqual(expect.objectContaining({ status: 202, body: { message: "202 Accepted" } }));
    expect(fs.existsSync(repositoryPath(created.id, "project"))).toBe(false);
    expect(await call(getProject, "/x", { token, params })).toMatchObject({ status: 404 });
    expect(await call(deleteProject, "/x", { token, method: "DELETE", params })).toMatchObject({ status: 404, body: { message: "404 Project Not Found" } });
  });
});

describe("GET /groups/:id/projects", () => {
  it("lists a group's projects (its subgroups' with include_subgroups) in the Project entity, paginated", async () => {
    const { owner, group, token } = await setup("public");
    const sub = await createGroup(owner, { name: "Child", path: "child", parentId: group.id, visibility: "public" });
    const top = await createProject(owner, { name: "Top", namespaceId: group.id, visibility: "public" });
    const hidden = await createProject(owner, { name: "Hidden", namespaceId: group.id, visibility: "private" });
    const inner = await createProject(owner, { name: "Inner", namespaceId: sub.id, visibility: "public" });
    const params = { id: String(group.id) };
    const ids = async (query: string, as: string | null = token) =>
      ((await call(groupProjects, `/api/v4/groups/${group.id}/projects?${query}`, { token: as ?? undefined, params })).body as Json[]).map((p) => p.id);

    expect(await ids("")).toEqual([hidden.id, top.id]);
    expect(await ids("include_subgroups=true")).toEqual([inner.id, hidden.id, top.id]);
    expect(await ids("", null)).toEqual([top.id]);
    expect(await ids("search=inn&include_subgroups=true")).toEqual([inner.id]);

    const listed = await call(groupProjects, `/api/v4/groups/${group.id}/projects?per_page=1&order_by=id&sort=asc`, { token, params });
    expect([listed.headers.get("x-total"), listed.headers.get("x-total-pages"), listed.headers.get("x-next-page")]).toEqual(["2", "2", "2"]);
    const [first] = listed.body as Json[];
    expect(shapeProblems(first!, DOC_GROUP_PROJECT, NOT_GIVEN)).toEqual([]);
    expect(first).not.toHaveProperty("permissions");
    const [simple] = (await call(groupProjects, `/api/v4/groups/${group.id}/projects?simple=true&order_by=id&sort=asc`, { token, params })).body as Json[];
    expect(simple).not.toHaveProperty("_links");

    const privateGroup = await createGroup(owner, { name: unique("Priv"), path: unique("priv") });
    expect(await call(groupProjects, "/x", { token: await tokenFor((await makeUser()).id), params: { id: String(privateGroup.id) } })).toMatchObject({ status: 404, body: { message: "404 Group Not Found" } });
  });
});

describe("GET /projects/:id/members and /members/all", () => {
  it("lists the project's own members, or with /all those of its groups too, the highest role per user", async () => {
    const { owner, group, token } = await setup();
    const sub = await createGroup(owner, { name: "Team", path: "team", parentId: group.id });
    const created = await createProject(owner, { name: "Members", namespaceId: sub.id });
    const [direct, both] = await Promise.all([makeUser(), makeUser()]);
    await getDb().insert(projectMembers).values([
      { projectId: created.id, userId: direct.id, accessLevel: ACCESS_LEVELS.developer, expiresAt: "2999-01-01" },
      { projectId: created.id, userId: both.id, accessLevel: ACCESS_LEVELS.reporter },
    ]);
    await getDb().insert(groupMembers).values({ groupId: group.id, userId: both.id, accessLevel: ACCESS_LEVELS.maintainer });
    const params = project(created.id);

    const own = await call(members, "/x", { token, params });
    expect((own.body as Json[]).map((m) => [m.username, m.access_level])).toEqual([
      [direct.username, 30],
      [both.username, 20],
    ]);
    expect((own.body as Json[])[0]).toEqual({
      id: direct.id,
      username: direct.username,
      name: direct.name,
      state: "active",
      locked: false,
      avatar_url: null,
      web_url: `${BASE}/users/${direct.username}`,
      access_level: 30,
      created_at: expect.any(String),
      expires_at: "2999-01-01",
      membership_state: "active",
    });
    const all = await call(allMembers, "/x", { token, params });
    const levels = Object.fromEntries((all.body as Json[]).map((m) => [m.username, m.access_level]));
    expect(levels).toEqual({ [owner.username]: 50, [both.username]: 40, [direct.username]: 30 });
    expect(all.headers.get("x-total")).toBe("3");
    const searched = await call(allMembers, `/x?query=${both.username}`, { token, params });
    expect((searched.body as Json[]).map((m) => m.id)).toEqual([both.id]);
    expect(await call(allMembers, `/x?user_ids[]=${direct.id}`, { token, params })).toMatchObject({ status: 200, body: [{ id: direct.id }] });

    expect(await call(members, "/x", { params })).toMatchObject({ status: 401 });
    expect(await call(members, "/x", { token: await tokenFor((await makeUser()).id), params })).toMatchObject({ status: 404, body: { message: "404 Project Not Found" } });
  });
});
