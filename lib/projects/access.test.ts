import { beforeAll, describe, expect, it } from "vitest";
import { ACCESS_LEVELS, getDb, groupMembers, projectMembers } from "@/lib/db";
import { createGroup } from "@/lib/groups";
import { ANONYMOUS_VIEWER, type Viewer } from "@/lib/viewer";
import { makeUser, unique } from "@/test/helpers/factories";
import { canAdminProject, canCreateProjectIn, canOwnProject, canPushCode, canReadCode, canReadProject, createProject, findProject, listProjects, type ProjectWithAccess } from "./index";

const viewerOf = (u: { id: number; isAdmin: boolean }): Viewer => ({ id: u.id, isAdmin: u.isAdmin });

type Who = "anonymous" | "signed-in" | "guest" | "reporter" | "developer" | "maintainer" | "owner" | "admin";
type Visibility = "private" | "internal" | "public";
const ROLE: Partial<Record<Who, number>> = {
  guest: ACCESS_LEVELS.guest,
  reporter: ACCESS_LEVELS.reporter,
  developer: ACCESS_LEVELS.developer,
  maintainer: ACCESS_LEVELS.maintainer,
  owner: ACCESS_LEVELS.owner,
};
const WHO: Who[] = ["anonymous", "signed-in", "guest", "reporter", "developer", "maintainer", "owner", "admin"];
const VISIBILITIES: Visibility[] = ["private", "internal", "public"];

// What GitLab's ProjectPolicy lets each caller do, by project visibility: read_project, download_code, push_code,
// admin_project, remove_project. "y" allowed, "." not.
const EXPECTED: Record<Visibility, Record<Who, string>> = {
  private: { anonymous: ".....", "signed-in": ".....", guest: "y....", reporter: "yy...", developer: "yyy..", maintainer: "yyyy.", owner: "yyyyy", admin: "yyyyy" },
  internal: { anonymous: ".....", "signed-in": "yy...", guest: "yy...", reporter: "yy...", developer: "yyy..", maintainer: "yyyy.", owner: "yyyyy", admin: "yyyyy" },
  public: { anonymous: "yy...", "signed-in": "yy...", guest: "yy...", reporter: "yy...", developer: "yyy..", maintainer: "yyyy.", owner: "yyyyy", admin: "yyyyy" },
};

describe("who may do what with a project", () => {
  const viewers = {} as Record<Who, Viewer>;
  const projects = {} as Record<Visibility, ProjectWithAccess>;
  let tag: string;

  beforeAll(async () => {
    const owner = viewerOf(await makeUser());
    tag = unique("acl");
    // Roles are held on the parent group: a project inherits them through its subgroup.
    const top = await createGroup(owner, { name: `${tag} top`, path: tag, visibility: "public" });
    const sub = await createGroup(owner, { name: "Sub", path: "sub", parentId: top.id, visibility: "public" });
    for (const visibility of VISIBILITIES) projects[visibility] = await createProject(owner, { name: `${tag} ${visibility}`, namespaceId: sub.id, visibility });
    for (const who of WHO) {
      if (who === "anonymous") viewers[who] = ANONYMOUS_VIEWER;
      else if (who === "owner") viewers[who] = owner;
      else viewers[who] = viewerOf(await makeUser({ admin: who === "admin" }));
      const role = ROLE[who];
      if (role && who !== "owner") await getDb().insert(groupMembers).values({ groupId: top.id, userId: viewers[who].id, accessLevel: role });
    }
  });

  it.each(VISIBILITIES)("matches GitLab's policy on a %s project, through the lookup and each ability", async (visibility) => {
    const got: Record<string, string> = {};
    for (const who of WHO) {
      const seen = await findProject(viewers[who], projects[visibility].id);
      const facts = seen ?? projects[visibility];
      const abilities = [canReadProject, canReadCode, canPushCode, canAdminProject, canOwnProject].map((can) => {
        // The project looked up as this viewer carries their role; one they cannot see carries none.
        const allowed = can(viewers[who], { ...facts, accessLevel: seen ? seen.accessLevel : null });
        return allowed ? "y" : ".";
      });
      got[who] = abilities.join("");
      expect(Boolean(seen), `${who} finds the ${visibility} project`).toBe(abilities[0] === "y");
      if (seen) expect(seen.accessLevel ?? null, who).toBe(ROLE[who] ?? null);
    }
    expect(got).toEqual(EXPECTED[visibility]);
  });

  it("lists exactly the projects each caller may see", async () => {
    for (const who of WHO) {
      const { rows } = await listProjects(viewers[who], { search: tag, page: 1, perPage: 20 });
      const expected = VISIBILITIES.filter((v) => EXPECTED[v][who][0] === "y").map((v) => projects[v].id);
      expect(rows.map((p) => p.id).sort(), who).toEqual(expected.sort());
    }
  });

  it("takes the highest of a direct membership and the group's, ignores expired ones, and shows both in permissions", async () => {
    const owner = viewerOf(await makeUser());
    const group = await createGroup(owner, { name: unique("Direct"), path: unique("direct") });
    const project = await createProject(owner, { name: "Secret", namespaceId: group.id });
    const outsider = viewerOf(await makeUser());
    const reporter = viewerOf(await makeUser());
    const expired = viewerOf(await makeUser());
    await getDb().insert(projectMembers).values([
      { projectId: project.id, userId: outsider.id, accessLevel: ACCESS_LEVELS.developer },
      { projectId: project.id, userId: reporter.id, accessLevel: ACCESS_LEVELS.maintainer },
      { projectId: project.id, userId: expired.id, accessLevel: ACCESS_LEVELS.owner, expiresAt: "2000-01-01" },
    ]);
    await getDb().insert(groupMembers).values({ groupId: group.id, userId: reporter.id, accessLevel: ACCESS_LEVELS.reporter });

    // A member of the project alone sees the private project of a group they cannot see.
    expect(await findProject(outsider, project.id)).toMatchObject({ accessLevel: ACCESS_LEVELS.developer, projectAccessLevel: ACCESS_LEVELS.developer, groupAccessLevel: null });
    expect(await findProject(reporter, project.fullPath.toUpperCase())).toMatchObject({ accessLevel: ACCESS_LEVELS.maintainer, projectAccessLevel: ACCESS_LEVELS.maintainer, groupAccessLevel: ACCESS_LEVELS.reporter });
    expect(await findProject(expired, project.id)).toBeUndefined();
    // The group's Owner owns its projects.
    const asOwner = (await findProject(owner, project.id))!;
    expect([asOwner.accessLevel, canOwnProject(owner, asOwner)]).toEqual([ACCESS_LEVELS.owner, true]);
  });

  it("never pushes to an archived project, whoever asks", () => {
    const facts = { visibility: "public" as const, accessLevel: ACCESS_LEVELS.owner, archived: true, sourceAttributes: {} };
    expect(canPushCode({ id: 1, isAdmin: true }, facts)).toBe(false);
    expect(canReadCode({ id: 1, isAdmin: false }, facts)).toBe(true);
  });

  it("reads project_creation_level by name or by GitLab's integer", () => {
    const dev = { id: 1, isAdmin: false };
    const at = (level: number, setting?: unknown) => canCreateProjectIn(dev, { accessLevel: level, settings: setting === undefined ? {} : { project_creation_level: setting } });
    expect([at(30), at(20)]).toEqual([true, false]);
    expect([at(30, "maintainer"), at(40, 1), at(50, "noone"), at(50, 3), at(40, "owner"), at(50, 4)]).toEqual([false, true, false, false, false, true]);
    expect(canCreateProjectIn({ id: 1, isAdmin: true }, { accessLevel: null, settings: { project_creation_level: "noone" } })).toBe(true);
  });

  it("does not find what is not a project: bad ids, paths with a NUL, a group's own path", async () => {
    const admin = viewerOf(await makeUser({ admin: true }));
    for (const id of ["0", "2147483648", "x\0y/z", "no-slash", "/leading", "trailing/", `${projects.public.namespace.fullPath}`]) {
      expect(await findProject(admin, id), id).toBeUndefined();
    }
    expect((await findProject(admin, projects.public.fullPath))?.id).toBe(projects.public.id);
  });
});
