import { describe, expect, it } from "vitest";
import { ACCESS_LEVELS, getDb, groupMembers } from "@/lib/db";
import { createGroup } from "@/lib/groups";
import { createProject } from "@/lib/projects";
import { makeUser, unique } from "@/test/helpers/factories";
import { listDestinationGroups, pathAvailability } from "./destinations";

describe("listDestinationGroups", () => {
  it("offers the groups where the user may create subgroups: Owner and Maintainer, and all for admins", async () => {
    const [owner, member, admin] = [await makeUser(), await makeUser(), await makeUser({ admin: true })];
    const tag = unique("dest");
    const top = await createGroup(owner, { name: `${tag} Top`, path: `${tag}-top` });
    const child = await createGroup(owner, { name: "Child", path: "child", parentId: top.id });
    const other = await createGroup(owner, { name: `${tag} Other`, path: `${tag}-other` });
    const third = await createGroup(owner, { name: `${tag} Third`, path: `${tag}-third` });
    await getDb().insert(groupMembers).values([
      { groupId: top.id, userId: member.id, accessLevel: ACCESS_LEVELS.maintainer },
      { groupId: other.id, userId: member.id, accessLevel: ACCESS_LEVELS.developer },
    ]);

    const paths = async (user: typeof owner, search?: string) => (await listDestinationGroups(user, { search: search ?? tag })).map((g) => g.fullPath);
    expect(await paths(owner)).toEqual([top.fullPath, child.fullPath, other.fullPath, third.fullPath].sort());
    // Maintainer of the parent: its subgroups too (memberships are inherited); only a developer elsewhere.
    expect(await paths(member)).toEqual([top.fullPath, child.fullPath]);
    expect(await paths(admin)).toEqual(await paths(owner));
    expect(await paths(owner, `${tag}-top/ch`)).toEqual([child.fullPath]);
    expect(await paths(owner, `${tag} third`)).toEqual([third.fullPath]);
  });
});

describe("pathAvailability", () => {
  it("says whether a path is taken at the top level or under a parent, with a free suggestion", async () => {
    const user = await makeUser();
    const path = unique("taken");
    const top = await createGroup(user, { name: "Taken", path });
    await createGroup(user, { name: "Taken 1", path: `${path}-1` });
    expect(await pathAvailability(user, null, path.toUpperCase())).toEqual({ exists: true, suggestion: `${path.toUpperCase()}-2` });
    expect(await pathAvailability(user, null, unique("free"))).toEqual({ exists: false, suggestion: null });

    await createGroup(user, { name: "Api", path: "api", parentId: top.id });
    expect(await pathAvailability(user, top.id, "api")).toEqual({ exists: true, suggestion: "api-1" });
    expect(await pathAvailability(user, top.id, path)).toEqual({ exists: false, suggestion: null });
  });

  it("for a project, counts the group's projects and subgroups as taken, and needs a group the user may create projects in", async () => {
    const [owner, stranger] = [await makeUser(), await makeUser()];
    const group = await createGroup(owner, { name: "Projects", path: unique("projects") });
    await createProject(owner, { name: "App", path: "app", namespaceId: group.id });
    await createProject(owner, { name: "App 1", path: "app-1", namespaceId: group.id });
    await createGroup(owner, { name: "Docs", path: "docs", parentId: group.id });
    expect(await pathAvailability(owner, group.id, "APP", "project")).toEqual({ exists: true, suggestion: "APP-2" });
    expect(await pathAvailability(owner, group.id, "docs", "project")).toEqual({ exists: true, suggestion: "docs-1" });
    expect(await pathAvailability(owner, group.id, "web", "project")).toEqual({ exists: false, suggestion: null });
    // Projects do not count for a subgroup's path (the group default), and a project needs a group.
    expect(await pathAvailability(owner, group.id, "app")).toEqual({ exists: false, suggestion: null });
    expect(await pathAvailability(owner, null, "app", "project")).toBeNull();
    expect(await pathAvailability(stranger, group.id, "app", "project")).toBeNull();
  });

  it("tells nothing about a parent the user may not import into", async () => {
    const [owner, stranger] = [await makeUser(), await makeUser()];
    const group = await createGroup(owner, { name: "Private", path: unique("private") });
    expect(await pathAvailability(stranger, group.id, "anything")).toBeNull();
    expect(await pathAvailability(stranger, 999_999_999, "anything")).toBeNull();
  });
});
