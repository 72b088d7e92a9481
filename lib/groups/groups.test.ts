import { describe, expect, it } from "vitest";
import { ACCESS_LEVELS, getDb, groupMembers } from "@/lib/db";
import { makeUser, unique } from "@/test/helpers/factories";
import { createGroup, findGroup, GroupError, listGroups, listMembers } from "./index";

const asViewer = (u: { id: number; isAdmin: boolean }) => ({ id: u.id, isAdmin: u.isAdmin });

describe("groups", () => {
  it("creates a top-level group with the creator as owner, and subgroups with full paths and traversal ids", async () => {
    const owner = asViewer(await makeUser());
    const path = unique("top");
    const top = await createGroup(owner, { name: "Top Group", path, visibility: "internal" });
    expect(top).toMatchObject({ path, fullPath: path, fullName: "Top Group", parentId: null, traversalIds: [top.id], visibility: "internal" });
    const sub = await createGroup(owner, { name: "Sub", path: "sub", parentId: top.id });
    expect(sub).toMatchObject({ fullPath: `${path}/sub`, fullName: "Top Group / Sub", parentId: top.id, traversalIds: [top.id, sub.id] });
    const members = await listMembers(sub, { inherited: true, page: 1, perPage: 20 });
    // As in GitLab, the creator is a direct owner of the subgroup too; the direct membership wins over the inherited.
    expect(members.rows).toEqual([expect.objectContaining({ userId: owner.id, accessLevel: ACCESS_LEVELS.owner, sourceGroupId: sub.id })]);
    expect((await listMembers(sub, { inherited: false, page: 1, perPage: 20 })).total).toBe(1);
  });

  it("refuses a taken full path case-insensitively, invalid paths and names, and changes nothing", async () => {
    const owner = asViewer(await makeUser());
    const path = unique("Taken");
    await createGroup(owner, { name: "One", path });
    await expect(createGroup(owner, { name: "Two", path: path.toLowerCase() })).rejects.toMatchObject({ field: "path", status: 409, message: expect.stringMatching(/already been taken/) });
    await expect(createGroup(owner, { name: "Bad", path: "-bad" })).rejects.toMatchObject({ field: "path" });
    await expect(createGroup(owner, { name: "Reserved", path: "api" })).rejects.toThrow(/reserved/);
    await expect(createGroup(owner, { name: "", path: unique() })).rejects.toMatchObject({ field: "name" });
    const { total } = await listGroups(owner, { search: "Two", minAccessLevel: 50, page: 1, perPage: 20 });
    expect(total).toBe(0);
  });

  it("lets owners and maintainers create subgroups, not developers or strangers", async () => {
    const [owner, maintainer, developer, stranger] = await Promise.all([makeUser(), makeUser(), makeUser(), makeUser()]);
    const top = await createGroup(asViewer(owner), { name: "Perm", path: unique("perm") });
    await getDb().insert(groupMembers).values([
      { groupId: top.id, userId: maintainer.id, accessLevel: ACCESS_LEVELS.maintainer },
      { groupId: top.id, userId: developer.id, accessLevel: ACCESS_LEVELS.developer },
    ]);
    await expect(createGroup(asViewer(maintainer), { name: "M", path: "m", parentId: top.id })).resolves.toMatchObject({ fullPath: `${top.fullPath}/m` });
    await expect(createGroup(asViewer(developer), { name: "D", path: "d", parentId: top.id })).rejects.toMatchObject({ status: 403 });
    // A private group is invisible to a stranger, so to them it does not exist.
    await expect(createGroup(asViewer(stranger), { name: "S", path: "s", parentId: top.id })).rejects.toMatchObject({ status: 404 });
  });

  it("keeps a subgroup no more visible than its parent", async () => {
    const owner = asViewer(await makeUser());
    const top = await createGroup(owner, { name: "Private", path: unique("priv"), visibility: "private" });
    await expect(createGroup(owner, { name: "Open", path: "open", parentId: top.id, visibility: "public" })).rejects.toThrow(GroupError);
    await expect(createGroup(owner, { name: "Open", path: "open", parentId: top.id, visibility: "public" })).rejects.toMatchObject({ field: "visibility" });
  });

  it("shows private groups only to members (of it, an ancestor or a descendant) and admins", async () => {
    const [owner, member, stranger] = await Promise.all([makeUser(), makeUser(), makeUser()]);
    const top = await createGroup(asViewer(owner), { name: "Hidden", path: unique("hidden") });
    const sub = await createGroup(asViewer(owner), { name: "Inner", path: "inner", parentId: top.id });
    await getDb().insert(groupMembers).values({ groupId: sub.id, userId: member.id, accessLevel: ACCESS_LEVELS.reporter });
    expect(await findGroup(asViewer(stranger), top.id)).toBeUndefined();
    expect(await findGroup(asViewer(stranger), top.fullPath)).toBeUndefined();
    expect((await findGroup(asViewer(member), top.fullPath.toUpperCase()))?.id).toBe(top.id);
    expect((await findGroup(asViewer(member), sub.id))?.accessLevel).toBe(ACCESS_LEVELS.reporter);
    expect((await findGroup(asViewer(owner), sub.id))?.accessLevel).toBe(ACCESS_LEVELS.owner);
    expect(await findGroup({ id: stranger.id, isAdmin: true }, top.id)).toBeDefined();
  });

  it("filters and paginates like GET /groups", async () => {
    const owner = asViewer(await makeUser());
    const tag = unique("pg");
    for (let i = 0; i < 5; i++) await createGroup(owner, { name: `${tag} ${i}`, path: `${tag}-${i}` });
    const top = await listGroups(owner, { search: tag, minAccessLevel: 50, topLevelOnly: true, page: 2, perPage: 2 });
    expect(top.total).toBe(5);
    expect(top.rows.map((g) => g.path)).toEqual([`${tag}-2`, `${tag}-3`]);
    const other = asViewer(await makeUser());
    expect((await listGroups(other, { search: tag, minAccessLevel: 10, page: 1, perPage: 20 })).total).toBe(0);
  });
});
