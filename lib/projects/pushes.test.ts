import { describe, expect, it } from "vitest";
import { ACCESS_LEVELS } from "@/lib/db";
import { pushPolicyFor } from "./pushes";
import type { ProjectWithAccess } from "./queries";

function project(accessLevel: number | null, groupSettings: Record<string, unknown> = {}, overrides: Partial<ProjectWithAccess> = {}): ProjectWithAccess {
  return { archived: false, defaultBranch: "main", accessLevel, namespace: { settings: groupSettings }, ...overrides } as ProjectWithAccess;
}
const user = (isAdmin = false) => ({ id: 7, isAdmin, username: "ada" });

describe("pushPolicyFor", () => {
  it("protects the default branch as GitLab does by default: Maintainers push, nobody force pushes", () => {
    expect(pushPolicyFor(project(ACCESS_LEVELS.developer), user())).toEqual({
      archived: false,
      protectedBranches: ["main"],
      mayPushProtected: false,
      allowForcePushProtected: false,
      userLabel: "ada",
    });
    expect(pushPolicyFor(project(ACCESS_LEVELS.maintainer), user()).mayPushProtected).toBe(true);
    expect(pushPolicyFor(project(null), user(true)).mayPushProtected).toBe(true);
    expect(pushPolicyFor(project(ACCESS_LEVELS.owner, {}, { archived: true, defaultBranch: "trunk" }), user())).toMatchObject({ archived: true, protectedBranches: ["trunk"] });
  });

  it("follows the group's default_branch_protection, and its newer default_branch_protection_defaults first", () => {
    const developer = (settings: Record<string, unknown>) => pushPolicyFor(project(ACCESS_LEVELS.developer, settings), user());
    expect(developer({ default_branch_protection: 0 }).protectedBranches).toEqual([]);
    expect(developer({ default_branch_protection: 1 })).toMatchObject({ protectedBranches: ["main"], mayPushProtected: true, allowForcePushProtected: false });
    for (const level of [2, 3, 4, 99]) expect(developer({ default_branch_protection: level }).mayPushProtected, String(level)).toBe(false);

    const defaults = (value: unknown) => ({ default_branch_protection: 0, default_branch_protection_defaults: value });
    expect(developer(defaults({ allowed_to_push: [{ access_level: 30 }], allow_force_push: true }))).toMatchObject({ mayPushProtected: true, allowForcePushProtected: true });
    expect(developer(defaults({ allowed_to_push: [{ access_level: 40 }], allow_force_push: false })).mayPushProtected).toBe(false);
    // "No one": not even an administrator.
    expect(pushPolicyFor(project(ACCESS_LEVELS.owner, defaults({ allowed_to_push: [{ access_level: 0 }] })), user(true)).mayPushProtected).toBe(false);
    // Empty: the older setting decides.
    expect(developer(defaults({})).protectedBranches).toEqual([]);
  });

  it("protects nothing in a wiki or a project without a default branch", () => {
    expect(pushPolicyFor(project(ACCESS_LEVELS.developer), user(), "wiki").protectedBranches).toEqual([]);
    expect(pushPolicyFor(project(ACCESS_LEVELS.developer, {}, { defaultBranch: null }), user()).protectedBranches).toEqual([]);
  });
});
