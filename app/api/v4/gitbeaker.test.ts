import { gunzipSync } from "node:zlib";
import { Gitlab } from "@gitbeaker/rest";
import { describe, expect, it } from "vitest";
import { ACCESS_LEVELS, getDb, labels, milestones, projectMembers } from "@/lib/db";
import { findFileExport } from "@/lib/exchange";
import { createGroup } from "@/lib/groups";
import { createProject } from "@/lib/projects";
import { tokenFor } from "@/test/helpers/api";
import { makeUser, unique } from "@/test/helpers/factories";
import { runFerryExchange } from "@/test/exchange/ferry-exchange";

// Ferry's API over HTTP, and a worker to run the exports it schedules.
const { ferry: server } = runFerryExchange("pgboss_gitbeaker_test");

const lines = async (blob: unknown) =>
  gunzipSync(Buffer.from(await (blob as Blob).arrayBuffer()))
    .toString("utf8")
    .split("\n")
    .filter(Boolean)
    .map((line) => JSON.parse(line) as Record<string, unknown>);

describe("@gitbeaker/rest, unchanged, against Ferry", () => {
  it("schedules a group relations export, reads its status and downloads batches and whole files", async () => {
    const user = await makeUser();
    const group = await createGroup(user, { name: "Beaker", path: unique("beaker") });
    await getDb().insert(labels).values(Array.from({ length: 1200 }, (_, i) => ({ groupId: group.id, title: `label ${i}` })));
    await getDb().insert(milestones).values({ groupId: group.id, iid: 1, title: "v1" });
    const api = new Gitlab({ host: server().url, token: await tokenFor(user.id) });

    expect(await api.GroupRelationExports.scheduleExport(group.id, { batched: true })).toEqual({ message: "202 Accepted" });
    let statuses: Record<string, unknown>[] = [];
    for (let i = 0; i < 200; i++) {
      statuses = (await api.GroupRelationExports.exportStatus(group.id)) as Record<string, unknown>[];
      if (statuses.length && statuses.every((s) => s.status === 1)) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(statuses.find((s) => s.relation === "labels")).toMatchObject({ status: 1, batched: true, batches_count: 2, total_objects_count: 1200 });
    const one = await api.GroupRelationExports.exportStatus(group.id, { relation: "milestones" } as never);
    expect(one).toMatchObject({ relation: "milestones", status: 1, total_objects_count: 1 });

    const second = await lines(await api.GroupRelationExports.download(group.id, "labels", { batched: true, batchNumber: 2 } as never));
    expect(second.map((r) => r.title)).toEqual(Array.from({ length: 200 }, (_, i) => `label ${1000 + i}`));
    const [self] = await lines(await api.GroupRelationExports.download(group.id, "self"));
    expect(self).toMatchObject({ id: group.id, name: "Beaker", path: group.path, visibility_level: 0 });
    await expect(api.GroupRelationExports.download(group.id, "labels")).rejects.toThrow("Export is batched");
  });

  it("schedules a group export by file and downloads GitLab's archive with GroupImportExports", async () => {
    const user = await makeUser();
    const group = await createGroup(user, { name: "Archive", path: unique("archive") });
    await getDb().insert(labels).values({ groupId: group.id, title: "archived label" });
    const api = new Gitlab({ host: server().url, token: await tokenFor(user.id) });
    expect(await api.GroupImportExports.scheduleExport(group.id)).toEqual({ message: "202 Accepted" });
    // GitLab has no status endpoint for group exports, and downloads are limited to one a minute: wait for the
    // worker here, then download once, as a script that sleeps before downloading does.
    for (let i = 0; i < 200 && (await findFileExport({ kind: "group", id: group.id }, user.id))?.status !== "finished"; i++) await new Promise((r) => setTimeout(r, 100));
    const archive = (await api.GroupImportExports.download(group.id)) as Blob;
    const bytes = gunzipSync(Buffer.from(await archive.arrayBuffer()));
    expect(bytes.toString("latin1")).toContain("./tree/groups/_all.ndjson");
    expect(bytes.toString("utf8")).toContain('"title":"archived label"');
  }, 60_000);

  it("schedules a project relations export and downloads its self, its labels and its repository archive; 404 for an unknown project", async () => {
    const [user, developer] = await Promise.all([makeUser(), makeUser()]);
    const group = await createGroup(user, { name: "Beaker", path: unique("beaker") });
    const project = await createProject(user, { name: "Flask", namespaceId: group.id, description: "Glass", initializeWithReadme: true });
    await getDb().insert(labels).values([{ projectId: project.id, title: "bug" }, { groupId: group.id, title: "the group's" }]);
    const api = new Gitlab({ host: server().url, token: await tokenFor(user.id) });

    expect(await api.ProjectRelationsExport.scheduleExport(project.id)).toEqual({ message: "202 Accepted" });
    let statuses: Record<string, unknown>[] = [];
    for (let i = 0; i < 200; i++) {
      statuses = (await api.ProjectRelationsExport.showExportStatus(project.id)) as unknown as Record<string, unknown>[];
      if (statuses.length && statuses.every((s) => s.status === 1)) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    // GitLab's names for a project's relations: its badges are project_badges, its repository is a file relation.
    expect(statuses.map((s) => s.relation).sort()).toEqual([
      "auto_devops", "boards", "ci_cd_settings", "ci_pipelines", "commit_notes", "container_expiration_policy", "custom_attributes", "design", "error_tracking_setting", "external_pull_requests",
      "issues", "labels", "lfs_objects", "merge_requests", "milestones", "pipeline_schedules", "project_badges", "project_feature", "protected_branches", "protected_tags", "push_rule",
      "releases", "repository", "self", "service_desk_setting", "snippets", "uploads", "user_contributions",
    ]);
    const [self] = await lines(await api.ProjectRelationsExport.download(project.id, "self"));
    expect(self).toMatchObject({ id: project.id, name: "Flask", path: project.path, description: "Glass", visibility_level: 0, archived: false, default_branch: "main" });
    expect((await lines(await api.ProjectRelationsExport.download(project.id, "labels"))).map((r) => r.title)).toEqual(["bug"]);
    // project_feature: the feature access levels as GitLab's export has them (ProjectFeature's integers).
    const [feature] = await lines(await api.ProjectRelationsExport.download(project.id, "project_feature"));
    expect(feature).toMatchObject({ issues_access_level: 20, repository_access_level: 20, pages_access_level: 10 });
    // A setting relation the project has none of is an empty file, as GitLab exports a missing has_one.
    expect(await lines(await api.ProjectRelationsExport.download(project.id, "ci_cd_settings"))).toEqual([]);
    const repository = Buffer.from(await ((await api.ProjectRelationsExport.download(project.id, "repository")) as Blob).arrayBuffer());
    expect(repository.subarray(0, 2)).toEqual(Buffer.from([0x1f, 0x8b]));
    expect(gunzipSync(repository).includes(Buffer.from("repository.bundle"))).toBe(true);

    // Exporting needs Maintainer: a Developer is refused, as on GitLab; an unknown project is not found.
    await getDb().insert(projectMembers).values({ projectId: project.id, userId: developer.id, accessLevel: ACCESS_LEVELS.developer });
    const asDeveloper = new Gitlab({ host: server().url, token: await tokenFor(developer.id) });
    await expect(asDeveloper.ProjectRelationsExport.scheduleExport(project.id)).rejects.toThrow("403 Forbidden");
    await expect(api.ProjectRelationsExport.showExportStatus(2_000_000_000)).rejects.toThrow("404 Project Not Found");
  });

  it("reads what an importer reads: metadata, the token, owned top-level groups, group, members, badges, users", async () => {
    const user = await makeUser();
    const top = await createGroup(user, { name: "Reader", path: unique("reader") });
    await createGroup(user, { name: "Child", path: "child", parentId: top.id });
    const api = new Gitlab({ host: server().url, token: await tokenFor(user.id) });
    expect(await api.Metadata.show()).toMatchObject({ version: expect.stringMatching(/^\d+\.\d+\.\d+$/), enterprise: true });
    expect(await api.PersonalAccessTokens.show()).toMatchObject({ scopes: ["api"], user_id: user.id, active: true });
    const groups = await api.Groups.all({ topLevelOnly: true, minAccessLevel: 50, search: top.path });
    expect(groups.map((g) => g.full_path)).toEqual([top.fullPath]);
    expect(await api.Groups.show(top.id)).toMatchObject({ id: top.id, full_path: top.fullPath });
    expect((await api.Groups.allSubgroups(top.id)).map((g) => g.path)).toEqual(["child"]);
    expect(await api.Groups.allProjects(top.id)).toEqual([]);
    expect(await api.GroupBadges.all(top.id)).toEqual([]);
    expect((await api.GroupMembers.all(top.id)).map((m) => m.username)).toEqual([user.username]);
    expect(await api.Users.show(user.id)).toMatchObject({ id: user.id, username: user.username });
  });

  it("creates, reads, lists, edits, archives and deletes projects as GitLab's client does", async () => {
    const user = await makeUser();
    const group = await createGroup(user, { name: "Beaker Projects", path: unique("bkp") });
    const api = new Gitlab({ host: server().url, token: await tokenFor(user.id) });

    const created = await api.Projects.create({ name: "Beaker Project", namespaceId: group.id, description: "made by gitbeaker", topics: ["a", "b"], initializeWithReadme: true });
    expect(created).toMatchObject({ name: "Beaker Project", path: "beaker-project", path_with_namespace: `${group.fullPath}/beaker-project`, topics: ["a", "b"], default_branch: "main" });
    expect(created.http_url_to_repo).toBe(`${server().url}/${group.fullPath}/beaker-project.git`);
    expect(await api.Projects.show(`${group.fullPath}/beaker-project`)).toMatchObject({ id: created.id, permissions: { group_access: { access_level: 50 } } });
    expect((await api.Projects.all({ membership: true, search: "Beaker Project", pagination: "offset" })).map((p) => p.id)).toEqual([created.id]);
    expect((await api.Groups.allProjects(group.id)).map((p) => p.id)).toEqual([created.id]);
    expect(await api.Projects.edit(created.id, { description: "edited", mergeMethod: "ff" })).toMatchObject({ description: "edited", merge_method: "ff" });
    expect(await api.Projects.archive(created.id)).toMatchObject({ archived: true });
    expect((await api.ProjectMembers.all(created.id, { includeInherited: true })).map((m) => m.username)).toEqual([user.username]);
    await api.Projects.remove(created.id);
    await expect(api.Projects.show(created.id)).rejects.toThrow("404 Project Not Found");
  });
});
