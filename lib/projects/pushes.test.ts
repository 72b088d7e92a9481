import { describe, expect, it } from "vitest";
import { ACCESS_LEVELS, type RefAccessLevel } from "@/lib/db";
import { defaultBranchRule, refAccessAllows } from "./protected-refs";
import { pushPolicyFor, type ProjectProtectedRefs } from "./pushes";
import type { ProjectWithAccess } from "./queries";

function project(accessLevel: number | null, overrides: Partial<ProjectWithAccess> = {}): ProjectWithAccess {
  return { archived: false, defaultBranch: "main", accessLevel, namespace: { settings: {} }, ...overrides } as ProjectWithAccess;
}
const user = (isAdmin = false, id = 7) => ({ id, isAdmin, username: "ada" });
const role = (accessLevel: number): RefAccessLevel => ({ accessLevel, userId: null, sourceGroupId: null, sourceAttributes: {} });
const REFS: ProjectProtectedRefs = {
  branches: [
    { name: "main", allowForcePush: false, pushAccessLevels: [role(40)] },
    { name: "release/*", allowForcePush: true, pushAccessLevels: [role(30)] },
  ],
  tags: [{ name: "v*", createAccessLevels: [role(40)] }],
};

describe("pushPolicyFor", () => {
  it("applies each protected branch and tag rule as its access levels let the user through", () => {
    expect(pushPolicyFor(project(ACCESS_LEVELS.developer), user(), REFS)).toEqual({
      archived: false,
      protectedBranches: [
        { pattern: "main", mayPush: false, allowForcePush: false },
        { pattern: "release/*", mayPush: true, allowForcePush: true },
      ],
      protectedTags: [{ pattern: "v*", mayCreate: false }],
      isMaintainer: false,
      userLabel: "ada",
    });
    const maintainer = pushPolicyFor(project(ACCESS_LEVELS.maintainer), user(), REFS);
    expect(maintainer).toMatchObject({ isMaintainer: true, protectedTags: [{ mayCreate: true }] });
    expect(maintainer.protectedBranches.every((rule) => rule.mayPush)).toBe(true);
    // Administrators count as Owners; an archived project says so whatever the rules.
    expect(pushPolicyFor(project(null), user(true), REFS).protectedBranches[0]!.mayPush).toBe(true);
    expect(pushPolicyFor(project(ACCESS_LEVELS.owner, { archived: true }), user(), { branches: [], tags: [] })).toMatchObject({ archived: true, protectedBranches: [] });
  });
});

describe("refAccessAllows", () => {
  const actor = (accessLevel: number | null, isAdmin = false, userId = 7) => ({ userId, accessLevel, isAdmin });
  it("reads GitLab's access levels: No one, Developers + Maintainers, Maintainers, Administrators, a user, a group", () => {
    expect(refAccessAllows([role(0)], actor(ACCESS_LEVELS.owner, true))).toBe(false);
    expect(refAccessAllows([role(30)], actor(ACCESS_LEVELS.developer))).toBe(true);
    expect(refAccessAllows([role(30)], actor(ACCESS_LEVELS.reporter))).toBe(false);
    expect(refAccessAllows([role(40)], actor(ACCESS_LEVELS.developer))).toBe(false);
    expect(refAccessAllows([role(40)], actor(null, true))).toBe(true);
    expect(refAccessAllows([role(60)], actor(ACCESS_LEVELS.owner))).toBe(false);
    expect(refAccessAllows([role(60)], actor(null, true))).toBe(true);
    const byUser: RefAccessLevel = { accessLevel: null, userId: 7, sourceGroupId: null, sourceAttributes: {} };
    expect(refAccessAllows([byUser], actor(ACCESS_LEVELS.guest))).toBe(true);
    expect(refAccessAllows([byUser], actor(ACCESS_LEVELS.owner, false, 8))).toBe(false);
    expect(refAccessAllows([{ accessLevel: 40, userId: null, sourceGroupId: 12, sourceAttributes: {} }], actor(ACCESS_LEVELS.owner))).toBe(false);
    // Any level of the rule lets through.
    expect(refAccessAllows([role(0), role(30)], actor(ACCESS_LEVELS.developer))).toBe(true);
    expect(refAccessAllows([], actor(ACCESS_LEVELS.owner, true))).toBe(false);
  });
});

describe("defaultBranchRule", () => {
  it("follows the group's default_branch_protection, its newer default_branch_protection_defaults first, else GitLab's full protection", () => {
    expect(defaultBranchRule({})).toEqual({ pushLevel: 40, allowForcePush: false });
    expect(defaultBranchRule({ default_branch_protection: 0 })).toBeNull();
    expect(defaultBranchRule({ default_branch_protection: 1 })).toEqual({ pushLevel: 30, allowForcePush: false });
    for (const level of [2, 3, 4, 99]) expect(defaultBranchRule({ default_branch_protection: level }), String(level)).toEqual({ pushLevel: 40, allowForcePush: false });
    const defaults = (value: unknown) => ({ default_branch_protection: 0, default_branch_protection_defaults: value });
    expect(defaultBranchRule(defaults({ allowed_to_push: [{ access_level: 30 }], allow_force_push: true }))).toEqual({ pushLevel: 30, allowForcePush: true });
    // "No one".
    expect(defaultBranchRule(defaults({ allowed_to_push: [{ access_level: 0 }] }))).toEqual({ pushLevel: null, allowForcePush: false });
    // Empty: the older setting decides.
    expect(defaultBranchRule(defaults({}))).toBeNull();
  });
});
