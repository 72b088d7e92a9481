import { describe, expect, it } from "vitest";
import { ACCESS_LEVELS } from "@/lib/db";
import { createGroup } from "@/lib/groups";
import { ANONYMOUS_VIEWER, type Viewer } from "@/lib/viewer";
import { makeUser, unique } from "@/test/helpers/factories";
import { canFetchRepository, canPushRepository, canUseFeature, createProject, findProject, type FeatureAccessLevel, type ProjectAccessFacts } from "./index";

type Who = "anonymous" | "signed-in" | "guest" | "reporter" | "developer" | "admin";
type Visibility = "private" | "internal" | "public";
const WHO: Who[] = ["anonymous", "signed-in", "guest", "reporter", "developer", "admin"];
const VIEWERS: Record<Who, Viewer> = {
  anonymous: ANONYMOUS_VIEWER,
  "signed-in": { id: 2, isAdmin: false },
  guest: { id: 3, isAdmin: false },
  reporter: { id: 4, isAdmin: false },
  developer: { id: 5, isAdmin: false },
  admin: { id: 6, isAdmin: true },
};
const ROLE: Record<Who, number | null> = { anonymous: null, "signed-in": null, guest: ACCESS_LEVELS.guest, reporter: ACCESS_LEVELS.reporter, developer: ACCESS_LEVELS.developer, admin: null };
const LEVELS: FeatureAccessLevel[] = ["disabled", "private", "enabled", "public"];

const facts = (visibility: Visibility, who: Who, settings: Record<string, unknown>): ProjectAccessFacts => ({ visibility, accessLevel: ROLE[who], archived: false, sourceAttributes: settings });

/** One character per viewer, in WHO's order: "y" allowed, "." not. */
const row = (allowed: (who: Who) => boolean) => WHO.map((who) => (allowed(who) ? "y" : ".")).join("");

// GitLab's ProjectPolicy with ProjectFeature: disabled shuts everyone out, administrators included; private lets in
// administrators and members of the feature's role (the repository: Reporters of a private project, any member of
// another, whose code a Guest reads anyway); enabled and public add nothing to what visibility and role allow.
// Columns: anonymous, signed-in non-member, Guest, Reporter, Developer, administrator.
const FETCH_CODE: Record<Visibility, Record<FeatureAccessLevel, string>> = {
  private: { disabled: "......", private: "...yyy", enabled: "...yyy", public: "...yyy" },
  internal: { disabled: "......", private: "..yyyy", enabled: ".yyyyy", public: ".yyyyy" },
  public: { disabled: "......", private: "..yyyy", enabled: "yyyyyy", public: "yyyyyy" },
};
// The wiki is read_wiki: whoever sees the project, a Guest of a private one included.
const FETCH_WIKI: Record<Visibility, Record<FeatureAccessLevel, string>> = {
  private: { disabled: "......", private: "..yyyy", enabled: "..yyyy", public: "..yyyy" },
  internal: { disabled: "......", private: "..yyyy", enabled: ".yyyyy", public: ".yyyyy" },
  public: { disabled: "......", private: "..yyyy", enabled: "yyyyyy", public: "yyyyyy" },
};
// Developers and up push, unless the feature is disabled.
const PUSH: Record<FeatureAccessLevel, string> = { disabled: "......", private: "....yy", enabled: "....yy", public: "....yy" };

describe("feature access levels (repository_access_level, wiki_access_level)", () => {
  for (const visibility of ["private", "internal", "public"] as const) {
    it(`follow GitLab's ProjectFeature rules on a ${visibility} project`, () => {
      const got = { code: {} as Record<string, string>, wiki: {} as Record<string, string>, push: {} as Record<string, string>, pushWiki: {} as Record<string, string> };
      for (const level of LEVELS) {
        const code = (who: Who) => facts(visibility, who, { repository_access_level: level });
        const wiki = (who: Who) => facts(visibility, who, { wiki_access_level: level });
        got.code[level] = row((who) => canFetchRepository(VIEWERS[who], code(who), "project"));
        got.wiki[level] = row((who) => canFetchRepository(VIEWERS[who], wiki(who), "wiki"));
        got.push[level] = row((who) => canPushRepository(VIEWERS[who], code(who), "project"));
        got.pushWiki[level] = row((who) => canPushRepository(VIEWERS[who], wiki(who), "wiki"));
      }
      expect(got).toEqual({ code: FETCH_CODE[visibility], wiki: FETCH_WIKI[visibility], push: PUSH, pushWiki: PUSH });
    });
  }

  it("keeps each repository to its own feature: a disabled wiki leaves the code, a disabled repository the wiki", () => {
    const developer = (settings: Record<string, unknown>) => facts("public", "developer", settings);
    expect(canFetchRepository(VIEWERS.developer, developer({ wiki_access_level: "disabled" }), "project")).toBe(true);
    expect(canPushRepository(VIEWERS.developer, developer({ wiki_access_level: "disabled" }), "project")).toBe(true);
    expect(canFetchRepository(VIEWERS.developer, developer({ repository_access_level: "disabled" }), "wiki")).toBe(true);
  });

  it("asks the feature's role of members when it is members-only: Reporter for merge requests, Guest for issues", () => {
    const guest = facts("public", "guest", { merge_requests_access_level: "private", issues_access_level: "private" });
    expect(canUseFeature(VIEWERS.guest, guest, "merge_requests")).toBe(false);
    expect(canUseFeature(VIEWERS.reporter, { ...guest, accessLevel: ACCESS_LEVELS.reporter }, "merge_requests")).toBe(true);
    expect(canUseFeature(VIEWERS.guest, guest, "issues")).toBe(true);
    expect(canUseFeature(VIEWERS["signed-in"], { ...guest, accessLevel: null }, "issues")).toBe(false);
  });

  it("reads the levels as exports carry them (integers), and GitLab's default (enabled) for none or a stray value", () => {
    const signedIn = (settings: Record<string, unknown>) => facts("public", "signed-in", settings);
    expect(canFetchRepository(VIEWERS["signed-in"], signedIn({ repository_access_level: 0 }), "project")).toBe(false);
    expect(canFetchRepository(VIEWERS["signed-in"], signedIn({ repository_access_level: 10 }), "project")).toBe(false);
    expect(canFetchRepository(VIEWERS["signed-in"], signedIn({ repository_access_level: 20 }), "project")).toBe(true);
    expect(canFetchRepository(VIEWERS["signed-in"], signedIn({}), "project")).toBe(true);
    expect(canFetchRepository(VIEWERS["signed-in"], signedIn({ repository_access_level: "sometimes" }), "project")).toBe(true);
  });

  it("applies to a project as findProject gives it: its owner and an administrator do not read a disabled repository", async () => {
    const owner = await makeUser();
    const admin = await makeUser({ admin: true });
    const group = await createGroup(owner, { name: unique("Features"), path: unique("features"), visibility: "public" });
    const created = await createProject(owner, { name: unique("Project"), namespaceId: group.id, visibility: "public", settings: { repository_access_level: "disabled", wiki_access_level: "private" } });
    const asOwner = (await findProject(owner, created.id))!;
    const asAdmin = (await findProject(admin, created.id))!;
    const asAnonymous = (await findProject(ANONYMOUS_VIEWER, created.id))!;
    expect([canFetchRepository(owner, asOwner, "project"), canPushRepository(owner, asOwner, "project"), canFetchRepository(admin, asAdmin, "project")]).toEqual([false, false, false]);
    expect([canFetchRepository(owner, asOwner, "wiki"), canFetchRepository(admin, asAdmin, "wiki"), canFetchRepository(ANONYMOUS_VIEWER, asAnonymous, "wiki")]).toEqual([true, true, false]);
  });
});
