import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { ACCESS_LEVELS, getDb, groupMembers, projectMembers } from "@/lib/db";
import { createGroup } from "@/lib/groups";
import type { Viewer } from "@/lib/viewer";
import { makeUser, unique } from "@/test/helpers/factories";
import { canAdminProject, createProject } from "./index";

const viewerOf = (u: { id: number; isAdmin: boolean }): Viewer => ({ id: u.id, isAdmin: u.isAdmin });

async function groupWithMember(level: number) {
  const owner = viewerOf(await makeUser());
  const group = await createGroup(owner, { name: unique("Group"), path: unique("grp") });
  const member = viewerOf(await makeUser());
  await getDb().insert(groupMembers).values({ groupId: group.id, userId: member.id, accessLevel: level });
  return { owner, group, member };
}

const directRole = async (projectId: number, userId: number) =>
  (await getDb().select({ level: projectMembers.accessLevel }).from(projectMembers).where(and(eq(projectMembers.projectId, projectId), eq(projectMembers.userId, userId))))[0]?.level ?? null;

describe("the creator's role on a new project", () => {
  it("makes a Developer of the group who creates a project its Maintainer, so that its settings are theirs", async () => {
    const { group, member } = await groupWithMember(ACCESS_LEVELS.developer);
    const project = await createProject(member, { name: unique("Dev project"), namespaceId: group.id });
    expect(project).toMatchObject({ accessLevel: ACCESS_LEVELS.maintainer, projectAccessLevel: ACCESS_LEVELS.maintainer, groupAccessLevel: ACCESS_LEVELS.developer });
    expect(canAdminProject(member, project)).toBe(true);
    expect(await directRole(project.id, member.id)).toBe(ACCESS_LEVELS.maintainer);
  });

  it("adds no membership for a creator who is already Maintainer or Owner through the group, nor for an administrator who is no member", async () => {
    const { owner, group, member } = await groupWithMember(ACCESS_LEVELS.maintainer);
    const byMaintainer = await createProject(member, { name: unique("Maint project"), namespaceId: group.id });
    expect(byMaintainer).toMatchObject({ accessLevel: ACCESS_LEVELS.maintainer, projectAccessLevel: null });
    const byOwner = await createProject(owner, { name: unique("Owner project"), namespaceId: group.id });
    expect(byOwner).toMatchObject({ accessLevel: ACCESS_LEVELS.owner, projectAccessLevel: null });
    const admin = viewerOf(await makeUser({ admin: true }));
    const byAdmin = await createProject(admin, { name: unique("Admin project"), namespaceId: group.id });
    expect(byAdmin).toMatchObject({ accessLevel: null, projectAccessLevel: null });
    expect(await directRole(byAdmin.id, admin.id)).toBeNull();
  });
});
