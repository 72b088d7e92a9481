import fs from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { ACCESS_LEVELS, getDb, groupMembers } from "@/lib/db";
import { createGroup, type Group } from "@/lib/groups";
import { createProject, findProject, updateProject, type FeatureAccessLevel, type ProjectWithAccess } from "@/lib/projects";
import { createRepository } from "@/lib/repositories";
import type { PublicUser } from "@/lib/users";
import { tokenFor } from "@/test/helpers/api";
import { makeUser, unique } from "@/test/helpers/factories";
import { git, gitFailure, temporaryDirectory } from "@/test/helpers/git-client";
import { runRouteServer } from "@/test/helpers/route-server";
import { GET, POST } from "./route";

// repository_access_level and wiki_access_level, through the git route as git clients reach it.
const server = runRouteServer({ prefix: "/-/git/", handlers: { GET, POST } });
const work = temporaryDirectory("ferry-git-features-");

const DOWNLOAD = "remote: You are not allowed to download code from this project.";
const ADVERTISE = "/info/refs?service=git-upload-pack";

let owner: PublicUser;
let group: Group;
const tokens = {} as Record<"owner" | "reporter" | "outsider" | "admin", string>;

beforeAll(async () => {
  owner = await makeUser();
  group = await createGroup(owner, { name: unique("Features"), path: unique("features"), visibility: "public" });
  const reporter = await makeUser();
  await getDb().insert(groupMembers).values({ groupId: group.id, userId: reporter.id, accessLevel: ACCESS_LEVELS.reporter });
  tokens.owner = await tokenFor(owner.id);
  tokens.reporter = await tokenFor(reporter.id, ["read_repository"]);
  tokens.outsider = await tokenFor((await makeUser()).id, ["read_repository"]);
  tokens.admin = await tokenFor((await makeUser({ admin: true })).id);
});

/** A public project with a README and these feature access levels. */
async function projectWith(settings: Record<string, FeatureAccessLevel>): Promise<ProjectWithAccess> {
  const project = await createProject(owner, { name: unique("Project"), namespaceId: group.id, visibility: "public", initializeWithReadme: true });
  return updateProject(owner, (await findProject(owner, project.id))!, { settings });
}

const cloneUrl = (project: { fullPath: string }, token?: string, suffix = ".git") => `${token ? server().url.replace("://", `://oauth2:${token}@`) : server().url}/${project.fullPath}${suffix}`;

let clones = 0;
const target = () => path.join(work, `clone-${++clones}`);
async function cloned(url: string): Promise<boolean> {
  const into = target();
  await git(work, ["clone", "--quiet", url, into]);
  return fs.existsSync(path.join(into, "README.md"));
}
const cloneFailure = (url: string) => gitFailure(work, ["clone", url, target()]);

async function answer(pathAndQuery: string, token?: string): Promise<{ status: number; body: string }> {
  const headers = token ? { authorization: `Basic ${Buffer.from(`oauth2:${token}`).toString("base64")}` } : undefined;
  const response = await fetch(`${server().url}${pathAndQuery}`, { headers, redirect: "manual" });
  return { status: response.status, body: await response.text() };
}

describe("git over HTTP and the project's feature access levels", () => {
  it("clones an enabled repository as the project's visibility allows: anyone, a non-member included", async () => {
    const project = await projectWith({ repository_access_level: "enabled" });
    expect(await cloned(cloneUrl(project))).toBe(true);
    expect(await cloned(cloneUrl(project, tokens.outsider))).toBe(true);
  });

  it("keeps a members-only repository from non-members (403, and 401 to anonymous clients) and serves it to members", async () => {
    const project = await projectWith({ repository_access_level: "private" });
    expect(await cloneFailure(cloneUrl(project, tokens.outsider))).toContain(DOWNLOAD);
    expect(await answer(`/${project.fullPath}.git${ADVERTISE}`, tokens.outsider)).toEqual({ status: 403, body: "You are not allowed to download code from this project.\n" });
    expect((await answer(`/${project.fullPath}.git${ADVERTISE}`)).status).toBe(401);
    expect(await cloned(cloneUrl(project, tokens.reporter))).toBe(true);
    expect(await cloned(cloneUrl(project, tokens.admin))).toBe(true);
  });

  it("refuses a disabled repository to everyone, its owner and administrators included, fetch and push alike", async () => {
    const project = await projectWith({ repository_access_level: "disabled" });
    for (const token of [tokens.outsider, tokens.reporter, tokens.owner, tokens.admin]) expect(await cloneFailure(cloneUrl(project, token))).toContain(DOWNLOAD);
    // The project is there (not 404): it is its repository that is closed.
    expect(await answer(`/${project.fullPath}.git${ADVERTISE}`, tokens.owner)).toEqual({ status: 403, body: "You are not allowed to download code from this project.\n" });
    expect(await answer(`/${project.fullPath}.git/info/refs?service=git-receive-pack`, tokens.owner)).toEqual({ status: 403, body: "You are not allowed to push code to this project.\n" });
    expect((await answer(`/${project.fullPath}.git${ADVERTISE}`)).status).toBe(401);

    // Enabled again, it is served as before.
    await updateProject(owner, (await findProject(owner, project.id))!, { settings: { repository_access_level: "enabled" } });
    expect(await cloned(cloneUrl(project, tokens.outsider))).toBe(true);
  });

  it("applies wiki_access_level to the wiki's repository alone", async () => {
    const project = await projectWith({ wiki_access_level: "disabled" });
    await createRepository(project.id, { kind: "wiki", readme: { content: "# Home\n", authorName: "Ada", authorEmail: "ada@example.com", message: "Create home" } });
    expect(await cloneFailure(cloneUrl(project, tokens.owner, ".wiki.git"))).toContain(DOWNLOAD);
    expect(await answer(`/${project.fullPath}.wiki.git/info/refs?service=git-receive-pack`, tokens.owner)).toEqual({ status: 403, body: "You are not allowed to write to this project's wiki.\n" });
    expect(await cloned(cloneUrl(project, tokens.outsider))).toBe(true);

    await updateProject(owner, (await findProject(owner, project.id))!, { settings: { wiki_access_level: "private" } });
    expect(await cloneFailure(cloneUrl(project, tokens.outsider, ".wiki.git"))).toContain(DOWNLOAD);
    expect(await cloned(cloneUrl(project, tokens.reporter, ".wiki.git"))).toBe(true);
  });
});
