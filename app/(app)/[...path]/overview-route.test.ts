import fs from "node:fs";
import path from "node:path";
import { getRouteMatcher } from "next/dist/shared/lib/router/utils/route-matcher";
import { getRouteRegex } from "next/dist/shared/lib/router/utils/route-regex";
import { getSortedRoutes } from "next/dist/shared/lib/router/utils/sorted-routes";
import { beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { ACCESS_LEVELS, getDb, projectMembers } from "@/lib/db";
import { createGroup, type Group } from "@/lib/groups";
import { createProject, type ProjectWithAccess } from "@/lib/projects";
import type { PublicUser } from "@/lib/users";
import { makeUser, unique } from "@/test/helpers/factories";
import { rewrittenPath } from "@/test/helpers/next-rewrites";

const session = vi.hoisted(() => ({ user: null as PublicUser | null }));
vi.mock("@/lib/auth", () => ({ currentUser: async () => session.user }));

const { overviewRoute } = await import("./overview-route");

/** Every page and route handler of the app, as Next names it (route groups left out of the URL). */
function appRoutes(): string[] {
  const routes: string[] = [];
  const walk = (dir: string, route: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      if (entry.isDirectory()) walk(path.join(dir, entry.name), /^\(.*\)$/.test(entry.name) ? route : `${route}/${entry.name}`);
      else if (entry.name === "page.tsx" || entry.name === "route.ts") routes.push(route || "/");
    }
  };
  walk(path.resolve(import.meta.dirname, "../.."), "");
  return [...new Set(routes)];
}

/** The route a URL renders after the rewrites, by Next's own order (static before dynamic, catch-alls last). */
async function resolve(url: string): Promise<{ route: string; params: Record<string, string | string[]> } | null> {
  const rewritten = (await rewrittenPath(url)) ?? url;
  for (const route of getSortedRoutes(appRoutes())) {
    const params = getRouteMatcher(getRouteRegex(route))(rewritten);
    if (params) return { route, params: params as Record<string, string | string[]> };
  }
  return null;
}

/** What a redirect() or notFound() threw: Next's digest, `NEXT_REDIRECT;…;<url>;…` or `NEXT_HTTP_ERROR_FALLBACK;404`. */
async function outcome(segments: string[]): Promise<string> {
  try {
    const { project } = await overviewRoute(Promise.resolve({ path: segments }));
    return `project ${project.fullPath}`;
  } catch (error) {
    const digest = (error as { digest?: string }).digest ?? "";
    if (digest.startsWith("NEXT_REDIRECT")) return `redirect ${digest.split(";")[2]}`;
    if (digest === "NEXT_HTTP_ERROR_FALLBACK;404") return "404";
    throw error;
  }
}

describe("the root catch-all", () => {
  it("serves a project's overview at its full path, and leaves every other page to its own route", async () => {
    expect(await resolve("/a/b")).toEqual({ route: "/[...path]", params: { path: ["a", "b"] } });
    expect(await resolve("/a/b/proj")).toEqual({ route: "/[...path]", params: { path: ["a", "b", "proj"] } });
    expect(await resolve("/a/proj/-/edit")).toEqual({ route: "/projects/-/edit/-/[...path]", params: { path: ["a", "proj"] } });
    expect((await resolve("/a/proj/-/tree/main/docs"))?.route).toBe("/projects/-/tree/[...parts]");
    // Manage and Plan: GitLab's addresses of a project's members, labels, milestones and boards.
    for (const page of ["project_members", "labels", "milestones", "boards"]) {
      expect(await resolve(`/a/proj/-/${page}`), page).toEqual({ route: `/projects/-/${page}/-/[...path]`, params: { path: ["a", "proj"] } });
    }
    expect(await resolve("/a/proj/-/milestones/3")).toEqual({ route: "/projects/-/milestones/[iid]/-/[...path]", params: { iid: "3", path: ["a", "proj"] } });
    expect(await resolve("/a/proj/-/boards/12")).toEqual({ route: "/projects/-/boards/[id]/-/[...path]", params: { id: "12", path: ["a", "proj"] } });
    // Merge requests: the list, one merge request's Overview, and its Commits, Changes and Pipelines tabs.
    expect(await resolve("/a/b/proj/-/merge_requests")).toEqual({ route: "/projects/-/merge_requests/-/[...path]", params: { path: ["a", "b", "proj"] } });
    expect(await resolve("/a/proj/-/merge_requests/7")).toEqual({ route: "/projects/-/merge_requests/[iid]/-/[...path]", params: { iid: "7", path: ["a", "proj"] } });
    for (const tab of ["commits", "diffs", "pipelines"]) {
      expect(await resolve(`/a/proj/-/merge_requests/7/${tab}`), tab).toEqual({ route: "/projects/-/merge_requests/[iid]/[tab]/-/[...path]", params: { iid: "7", tab, path: ["a", "proj"] } });
    }
    for (const url of ["/a/proj/-/merge_requests/x", "/a/proj/-/merge_requests/7/nothing", "/groups/a/-/merge_requests/7"]) expect((await resolve(url))?.route, url).not.toMatch(/merge_requests/);
    for (const url of ["/dashboard/groups", "/import/groups", "/import/history", "/admin/settings", "/groups/new", "/projects/new", "/-/user_settings/personal_access_tokens", "/-/health"]) {
      expect((await resolve(url))?.route, url).toBe(url);
    }
    expect(await resolve("/groups/a/b")).toEqual({ route: "/groups/[...path]", params: { path: ["a", "b"] } });
    expect((await resolve("/api/v4/projects"))?.route).toBe("/api/v4/projects");
  });

  it("takes unknown `/-/` pages too, whose `-` segment no project has", async () => {
    expect(await resolve("/a/proj/-/nothing")).toEqual({ route: "/[...path]", params: { path: ["a", "proj", "-", "nothing"] } });
  });
});

describe("overviewRoute", () => {
  let owner: PublicUser;
  let group: Group;
  let project: ProjectWithAccess;

  beforeAll(async () => {
    owner = await makeUser();
    group = await createGroup(owner, { name: "Overview", path: unique("Overview"), visibility: "private" });
    project = await createProject(owner, { name: "Proj", path: "proj", namespaceId: group.id, visibility: "private" });
  });

  beforeEach(() => {
    session.user = owner;
  });

  it("finds the project, sends other spellings of its path (any case, `.git`) to the canonical one, and a group's path to the group", async () => {
    expect(await outcome([group.path, "proj"])).toBe(`project ${group.path}/proj`);
    expect(await outcome([group.path.toLowerCase(), "PROJ"])).toBe(`redirect /${group.path}/proj`);
    expect(await outcome([group.path, "proj.git"])).toBe(`redirect /${group.path}/proj`);
    expect(await outcome([group.path])).toBe(`redirect /groups/${group.path}`);
    expect(await outcome([encodeURIComponent(group.path), "pr%6Fj"])).toBe(`project ${group.path}/proj`);
  });

  it("answers 404 to a path nothing has, a `/-/` page no route took, and a private project to a stranger", async () => {
    expect(await outcome([group.path, "nothing"])).toBe("404");
    expect(await outcome([group.path, "proj", "-", "nothing"])).toBe("404");
    session.user = await makeUser();
    expect(await outcome([group.path, "proj"])).toBe("404");
    expect(await outcome([group.path])).toBe("404");
  });

  it("lets a Guest of a private project see it", async () => {
    const guest = await makeUser();
    await getDb().insert(projectMembers).values({ projectId: project.id, userId: guest.id, accessLevel: ACCESS_LEVELS.guest });
    session.user = guest;
    expect(await outcome([group.path, "proj"])).toBe(`project ${group.path}/proj`);
  });
});
