import fs from "node:fs";
import path from "node:path";
import { eq } from "drizzle-orm";
import { describe, expect, it, vi } from "vitest";
import { ACCESS_LEVELS, getDb, groupMembers, groups, projects, snippets } from "@/lib/db";
import { createGroup, type Group } from "@/lib/groups";
import { createRepository, repositoryExists, repositoryPath, runGit } from "@/lib/repositories";
import type { Viewer } from "@/lib/viewer";
import { makeUser, unique } from "@/test/helpers/factories";
import { createProject, deleteProject, findProject, ProjectError, setArchived, updateProject } from "./index";

// The real lib/repositories, with a switch to make the next repository creation fail, after (or before) it wrote
// its directory: what a full disk or a killed git would do.
const failure = vi.hoisted(() => ({ next: null as null | "before" | "after", ids: [] as number[] }));
vi.mock("@/lib/repositories", async (importOriginal) => {
  const actual = await importOriginal<typeof import("@/lib/repositories")>();
  return {
    ...actual,
    createRepository: async (...args: Parameters<typeof actual.createRepository>) => {
      const mode = failure.next;
      failure.next = null;
      if (mode) failure.ids.push(args[0]);
      if (mode === "before") throw new Error("git init failed");
      const created = await actual.createRepository(...args);
      if (mode === "after") throw new Error("failed after writing the repository");
      return created;
    },
  };
});

const viewerOf = (u: { id: number; isAdmin: boolean }): Viewer => ({ id: u.id, isAdmin: u.isAdmin });

async function groupWith(visibility: "private" | "internal" | "public" = "private", settings?: Record<string, unknown>) {
  const owner = viewerOf(await makeUser());
  const group = await createGroup(owner, { name: unique("Group"), path: unique("grp"), visibility }, { settings });
  return { owner, group };
}

async function member(group: Group, level: number): Promise<Viewer> {
  const user = viewerOf(await makeUser());
  await getDb().insert(groupMembers).values({ groupId: group.id, userId: user.id, accessLevel: level });
  return user;
}

/** What git prints for a read of a project's repository. */
const git = async (projectId: number, ...args: string[]) =>
  (await runGit(args, { gitDir: repositoryPath(projectId, "project"), timeoutMs: 30_000, maxStdoutBytes: 1 << 20 })).stdout.toString();

const rowsNamed = (name: string) => getDb().select({ id: projects.id }).from(projects).where(eq(projects.name, name));

describe("creating a project", () => {
  it("makes the row and the repository, HEAD on the default branch, with a README commit when asked", async () => {
    const { owner, group } = await groupWith("internal");
    const plain = await createProject(owner, { name: "Plain Project", namespaceId: group.id, description: "Just a test", topics: ["b", "a,B", " c "] });
    expect(plain).toMatchObject({
      name: "Plain Project",
      path: "plain-project",
      fullPath: `${group.fullPath}/plain-project`,
      nameWithNamespace: `${group.fullName} / Plain Project`,
      visibility: "private",
      defaultBranch: "main",
      topics: ["b", "a", "c"],
      archived: false,
      creatorId: owner.id,
      accessLevel: ACCESS_LEVELS.owner,
      groupAccessLevel: ACCESS_LEVELS.owner,
      projectAccessLevel: null,
    });
    expect(await repositoryExists(plain.id, "project")).toBe(true);
    expect((await git(plain.id, "symbolic-ref", "HEAD")).trim()).toBe("refs/heads/main");
    expect(await git(plain.id, "for-each-ref")).toBe("");

    const readme = await createProject(owner, { path: "with-readme", namespaceId: group.id, defaultBranch: "trunk", initializeWithReadme: true, description: "Hello" });
    expect(readme.name).toBe("with-readme");
    expect((await git(readme.id, "log", "--format=%s|%an", "trunk")).trim()).toMatch(/^Initial commit\|Test user/);
    expect(await git(readme.id, "show", "trunk:README.md")).toBe("# with-readme\n\nHello\n");
  });

  it("refuses paths and names GitLab refuses, naming the attribute, and writes nothing", async () => {
    const { owner, group } = await groupWith();
    const refusals: [Omit<Parameters<typeof createProject>[1], "namespaceId">, string, RegExp][] = [
      [{ name: "x", path: "-lead" }, "path", /must not start or end with a special character/],
      [{ name: "x", path: "double--dash" }, "path", /consecutive special characters/],
      [{ name: "x", path: "trail_" }, "path", /must not start or end/],
      [{ name: "x", path: "repo.git" }, "path", /Cannot start with '-', end in '.git'/],
      [{ name: "x", path: "tree" }, "path", /tree is a reserved name/],
      [{ name: "x", path: "a".repeat(256) }, "path", /too long/],
      [{ name: "(paren)", path: "ok-path" }, "name", /can contain only letters/],
      [{ name: "   " }, "name", /can't be blank/],
      [{ name: "Fine", description: "d".repeat(2001) }, "description", /too long \(maximum is 2000/],
      [{ name: "Fine", defaultBranch: "bad..branch" }, "default_branch", /is invalid/],
      [{ name: "Fine", defaultBranch: "refs/heads/main" }, "default_branch", /is invalid/],
      [{ name: "Fine", topics: ["t".repeat(256)] }, "topics", /too long/],
    ];
    for (const [input, field, message] of refusals) {
      const error = await createProject(owner, { namespaceId: group.id, ...input }).catch((e: unknown) => e);
      expect(error, JSON.stringify(input).slice(0, 80)).toBeInstanceOf(ProjectError);
      expect(error).toMatchObject({ field, status: 400, detail: expect.stringMatching(message) });
    }
    const count = await getDb().select({ id: projects.id }).from(projects).where(eq(projects.namespaceId, group.id));
    expect(count).toEqual([]);
  });

  it("keeps a path unique in its group whatever its case, apart from subgroups' paths both ways, and names unique", async () => {
    const { owner, group } = await groupWith();
    await createProject(owner, { name: "Alpha", path: "alpha", namespaceId: group.id });
    await expect(createProject(owner, { name: "Other", path: "ALPHA", namespaceId: group.id })).rejects.toMatchObject({ field: "path", detail: "has already been taken", message: "Path has already been taken" });
    await expect(createProject(owner, { name: "Alpha", path: "alpha-2", namespaceId: group.id })).rejects.toMatchObject({ field: "name", detail: "has already been taken" });

    // A subgroup's path is taken for projects, and a project's for subgroups: `group/x` names one thing.
    await createGroup(owner, { name: "Docs", path: "docs", parentId: group.id });
    await expect(createProject(owner, { name: "Docs project", path: "Docs", namespaceId: group.id })).rejects.toMatchObject({ field: "path", detail: "has already been taken" });
    await expect(createGroup(owner, { name: "Alpha group", path: "Alpha", parentId: group.id })).rejects.toMatchObject({ field: "path", status: 409, message: expect.stringMatching(/already been taken/) });

    // Elsewhere the same path and name are free.
    const other = await createGroup(owner, { name: unique("Other"), path: unique("other") });
    await expect(createProject(owner, { name: "Alpha", path: "alpha", namespaceId: other.id })).resolves.toMatchObject({ fullPath: `${other.fullPath}/alpha` });
  });

  it("keeps a project no more visible than its group", async () => {
    const { owner, group } = await groupWith("internal");
    await expect(createProject(owner, { name: "Open", namespaceId: group.id, visibility: "public" })).rejects.toMatchObject({
      field: "visibility_level",
      detail: "public is not allowed in a internal group.",
    });
    await expect(createProject(owner, { name: "Inside", namespaceId: group.id, visibility: "internal" })).resolves.toMatchObject({ visibility: "internal" });
  });

  it("lets those the group's project_creation_level allows create, Developers and up by default", async () => {
    const { owner, group } = await groupWith();
    const [developer, reporter] = [await member(group, ACCESS_LEVELS.developer), await member(group, ACCESS_LEVELS.reporter)];
    const stranger = viewerOf(await makeUser());
    // The Developer who creates a project becomes its Maintainer (creator-membership.test.ts).
    await expect(createProject(developer, { name: "By dev", namespaceId: group.id })).resolves.toMatchObject({ accessLevel: ACCESS_LEVELS.maintainer, groupAccessLevel: ACCESS_LEVELS.developer });
    // GitLab answers a group one may not create in like one that does not exist: "namespace is not valid".
    for (const viewer of [reporter, stranger]) {
      await expect(createProject(viewer, { name: "Nope", namespaceId: group.id })).rejects.toMatchObject({ field: "namespace", detail: "is not valid", status: 400 });
    }
    await expect(createProject(owner, { name: "Nowhere", namespaceId: 2_147_483_647 })).rejects.toMatchObject({ field: "namespace" });

    const strict = await groupWith("private", { project_creation_level: "maintainer" });
    const dev = await member(strict.group, ACCESS_LEVELS.developer);
    const maintainer = await member(strict.group, ACCESS_LEVELS.maintainer);
    await expect(createProject(dev, { name: "Dev", namespaceId: strict.group.id })).rejects.toMatchObject({ field: "namespace" });
    await expect(createProject(maintainer, { name: "Maint", namespaceId: strict.group.id })).resolves.toBeDefined();

    // Imported groups carry GitLab's integers: 0 is "noone", administrators only.
    const closed = await groupWith("private", { project_creation_level: 0 });
    await expect(createProject(closed.owner, { name: "Owner", namespaceId: closed.group.id })).rejects.toMatchObject({ field: "namespace" });
    const admin = viewerOf(await makeUser({ admin: true }));
    await expect(createProject(admin, { name: "Admin", namespaceId: closed.group.id })).resolves.toMatchObject({ accessLevel: null });
  });

  it("leaves no row and no directory when the repository cannot be made, before or after git wrote it", async () => {
    const { owner, group } = await groupWith();
    for (const mode of ["before", "after"] as const) {
      const name = unique("Doomed");
      failure.next = mode;
      await expect(createProject(owner, { name, namespaceId: group.id, initializeWithReadme: true })).rejects.toThrow(/failed/);
      expect(await rowsNamed(name)).toEqual([]);
    }
    // The ids those attempts used have nothing on disk: neither a repository nor a temporary one beside it.
    expect(failure.ids).toHaveLength(2);
    for (const id of failure.ids) {
      const dir = repositoryPath(id, "project");
      expect(await getDb().select({ id: projects.id }).from(projects).where(eq(projects.id, id))).toEqual([]);
      expect(fs.existsSync(dir), dir).toBe(false);
      const leftovers = fs.existsSync(path.dirname(dir)) ? fs.readdirSync(path.dirname(dir)).filter((n) => n.startsWith(path.basename(dir))) : [];
      expect(leftovers).toEqual([]);
    }
  });
});

describe("changing and deleting a project", () => {
  it("lets Maintainers rename it and change its settings, and keeps the group's rules on a new path", async () => {
    const { owner, group } = await groupWith("public");
    const project = await createProject(owner, { name: "Rename Me", path: "rename-me", namespaceId: group.id });
    await createProject(owner, { name: "Taken", path: "taken", namespaceId: group.id });
    await createGroup(owner, { name: "Sub", path: "sub", parentId: group.id });
    const maintainer = await member(group, ACCESS_LEVELS.maintainer);
    const developer = await member(group, ACCESS_LEVELS.developer);
    const asMaintainer = (await findProject(maintainer, project.id))!;

    await expect(updateProject(developer, (await findProject(developer, project.id))!, { name: "Nope" })).rejects.toMatchObject({ status: 403 });
    await expect(updateProject(maintainer, asMaintainer, { path: "TAKEN" })).rejects.toMatchObject({ field: "path", detail: "has already been taken" });
    await expect(updateProject(maintainer, asMaintainer, { path: "sub" })).rejects.toMatchObject({ field: "path" });
    await expect(updateProject(maintainer, asMaintainer, { name: "Taken" })).rejects.toMatchObject({ field: "name" });

    const renamed = await updateProject(maintainer, asMaintainer, {
      name: "Renamed",
      path: "renamed",
      description: "new",
      topics: ["z", "y"],
      defaultBranch: "develop",
      settings: { merge_method: "ff", unknown_key: 1 },
    });
    expect(renamed).toMatchObject({ name: "Renamed", path: "renamed", fullPath: `${group.fullPath}/renamed`, description: "new", topics: ["z", "y"], defaultBranch: "develop" });
    expect(renamed.sourceAttributes).toEqual({ merge_method: "ff" });
    // Settings merge: what was kept stays.
    const again = await updateProject(maintainer, renamed, { settings: { squash_option: "always" } });
    expect(again.sourceAttributes).toEqual({ merge_method: "ff", squash_option: "always" });
    // Its own path in another case is no clash.
    await expect(updateProject(maintainer, again, { path: "Renamed" })).resolves.toMatchObject({ path: "Renamed" });
  });

  it("leaves the visibility and archiving to Owners, and caps the visibility by the group's", async () => {
    const { owner, group } = await groupWith("internal");
    const project = await createProject(owner, { name: "Vis", namespaceId: group.id });
    const maintainer = await member(group, ACCESS_LEVELS.maintainer);
    const asMaintainer = (await findProject(maintainer, project.id))!;
    await expect(updateProject(maintainer, asMaintainer, { visibility: "internal" })).rejects.toMatchObject({ status: 403 });
    // Sending the visibility it already has changes nothing, so it is no refusal.
    await expect(updateProject(maintainer, asMaintainer, { visibility: "private", description: "same" })).resolves.toMatchObject({ description: "same" });
    await expect(setArchived(maintainer, asMaintainer, true)).rejects.toMatchObject({ status: 403 });

    await expect(updateProject(owner, project, { visibility: "public" })).rejects.toMatchObject({ field: "visibility_level" });
    await expect(updateProject(owner, project, { visibility: "internal" })).resolves.toMatchObject({ visibility: "internal" });
    const archived = await setArchived(owner, project, true);
    expect(archived.archived).toBe(true);
    expect((await setArchived(owner, archived, false)).archived).toBe(false);
  });

  it("deletes the row and the repositories on disk, Owners only", async () => {
    const { owner, group } = await groupWith();
    const project = await createProject(owner, { name: "Gone", namespaceId: group.id, initializeWithReadme: true });
    const maintainer = await member(group, ACCESS_LEVELS.maintainer);
    await expect(deleteProject(maintainer, (await findProject(maintainer, project.id))!)).rejects.toMatchObject({ status: 403 });
    expect(await repositoryExists(project.id, "project")).toBe(true);

    const [snippet] = await getDb().insert(snippets).values({ projectId: project.id, title: "Kept in git" }).returning();
    await createRepository(snippet!.id, { kind: "snippet" });
    expect(await repositoryExists(snippet!.id, "snippet")).toBe(true);

    await deleteProject(owner, project);
    expect(await findProject(owner, project.id)).toBeUndefined();
    expect(fs.existsSync(repositoryPath(project.id, "project"))).toBe(false);
    expect(fs.existsSync(repositoryPath(project.id, "wiki"))).toBe(false);
    // Its snippets' repositories go with it: nothing would ever read them again.
    expect(fs.existsSync(repositoryPath(snippet!.id, "snippet"))).toBe(false);
    // The group is untouched.
    expect(await getDb().select({ id: groups.id }).from(groups).where(eq(groups.id, group.id))).toHaveLength(1);
  });
});
