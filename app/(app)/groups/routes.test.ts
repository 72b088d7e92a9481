import fs from "node:fs";
import path from "node:path";
import { getRouteMatcher } from "next/dist/shared/lib/router/utils/route-matcher";
import { getRouteRegex } from "next/dist/shared/lib/router/utils/route-regex";
import { getSortedRoutes } from "next/dist/shared/lib/router/utils/sorted-routes";
import { describe, expect, it } from "vitest";
import { rewrittenPath } from "@/test/helpers/next-rewrites";

/** The URL a request is served from after next.config.js's rewrites (the first rule that matches, uploads' first). */
const rewrite = async (url: string): Promise<string> => (await rewrittenPath(url)) ?? url;

/** The app's group routes, as Next names them (`/groups/-/epics/[iid]/-/[...path]`), each with its folder. */
function groupRoutes(): Map<string, string> {
  const routes = new Map<string, string>();
  const walk = (dir: string, route: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      if (entry.isDirectory()) walk(path.join(dir, entry.name), `${route}/${entry.name}`);
      else if (entry.name === "page.tsx") routes.set(route, dir);
    }
  };
  walk(import.meta.dirname, "/groups");
  return routes;
}

/** The route a URL renders, with its params, by Next's own matching (static segments before dynamic, catch-alls last). */
async function resolve(url: string): Promise<{ route: string; params: Record<string, string | string[]> } | null> {
  const rewritten = await rewrite(url);
  const routes = groupRoutes();
  for (const route of getSortedRoutes([...routes.keys()])) {
    const params = getRouteMatcher(getRouteRegex(route))(rewritten);
    if (params) return { route, params: params as Record<string, string | string[]> };
  }
  return null;
}

describe("group page routes", () => {
  it("serve each of GitLab's /-/ pages from a route of its own, the full path last", async () => {
    expect(await resolve("/groups/a/b")).toEqual({ route: "/groups/[...path]", params: { path: ["a", "b"] } });
    expect(await resolve("/groups/a/b/-/labels")).toEqual({ route: "/groups/-/labels/-/[...path]", params: { path: ["a", "b"] } });
    expect(await resolve("/groups/a/-/milestones")).toEqual({ route: "/groups/-/milestones/-/[...path]", params: { path: ["a"] } });
    expect(await resolve("/groups/a/b/-/merge_requests")).toEqual({ route: "/groups/-/merge_requests/-/[...path]", params: { path: ["a", "b"] } });
    expect(await resolve("/groups/a/b/-/epics")).toEqual({ route: "/groups/-/epics/-/[...path]", params: { path: ["a", "b"] } });
    expect(await resolve("/groups/a/b/-/epics/3")).toEqual({ route: "/groups/-/epics/[iid]/-/[...path]", params: { iid: "3", path: ["a", "b"] } });
    expect(await resolve("/groups/a/b/-/issues")).toEqual({ route: "/groups/-/issues/-/[...path]", params: { path: ["a", "b"] } });
    expect(await resolve("/groups/a/-/boards")).toEqual({ route: "/groups/-/boards/-/[...path]", params: { path: ["a"] } });
    expect(await resolve("/groups/a/-/boards/12")).toEqual({ route: "/groups/-/boards/[id]/-/[...path]", params: { id: "12", path: ["a"] } });
    expect(await resolve("/groups/a/-/epic_boards")).toEqual({ route: "/groups/-/epic_boards/-/[...path]", params: { path: ["a"] } });
    expect(await resolve("/groups/a/-/epic_boards/4")).toEqual({ route: "/groups/-/epic_boards/[id]/-/[...path]", params: { id: "4", path: ["a"] } });
    expect(await resolve("/groups/a/-/iterations")).toEqual({ route: "/groups/-/iterations/-/[...path]", params: { path: ["a"] } });
    expect(await resolve("/groups/a/-/iterations/7")).toEqual({ route: "/groups/-/iterations/[id]/-/[...path]", params: { id: "7", path: ["a"] } });
    expect(await resolve("/groups/a/-/badges")).toEqual({ route: "/groups/-/badges/-/[...path]", params: { path: ["a"] } });
    expect(await resolve("/groups/a/-/members")).toEqual({ route: "/groups/-/members/-/[...path]", params: { path: ["a"] } });
    expect(await resolve("/groups/a/-/placeholders")).toEqual({ route: "/groups/-/placeholders/-/[...path]", params: { path: ["a"] } });
    expect(await resolve("/groups/new")).toEqual({ route: "/groups/new", params: {} });
  });

  it("never mistake a group whose path is a number or a page's name for a page", async () => {
    expect(await resolve("/groups/5/epics/-/epics")).toEqual({ route: "/groups/-/epics/-/[...path]", params: { path: ["5", "epics"] } });
    expect(await resolve("/groups/epics/-/epics/5")).toEqual({ route: "/groups/-/epics/[iid]/-/[...path]", params: { iid: "5", path: ["epics"] } });
    expect(await resolve("/groups/a/5/-/epics")).toEqual({ route: "/groups/-/epics/-/[...path]", params: { path: ["a", "5"] } });
    expect(await resolve("/groups/a/-/epics/5")).toEqual({ route: "/groups/-/epics/[iid]/-/[...path]", params: { iid: "5", path: ["a"] } });
    expect(await resolve("/groups/labels/-/labels")).toEqual({ route: "/groups/-/labels/-/[...path]", params: { path: ["labels"] } });
    expect(await resolve("/groups/12/-/boards/12")).toEqual({ route: "/groups/-/boards/[id]/-/[...path]", params: { id: "12", path: ["12"] } });
  });

  it("leave unknown pages to the overview's catch-all, whose `-` segment makes them 404", async () => {
    for (const url of ["/groups/a/-/nothing", "/groups/a/-/labels/3", "/groups/a/-/milestones/3", "/groups/a/-/epics/x", "/groups/a/-/epics/3/more", "/groups/a/-/EPICS", "/groups/a/-"]) {
      const match = await resolve(url);
      expect(match?.route, url).toBe("/groups/[...path]");
      expect(match?.params.path, url).toContain("-");
    }
  });

  it("keep group uploads on their own route", async () => {
    expect(await rewrite("/groups/a/b/-/uploads/72a497a02fe3ee09edae2ed06d390038/pixel.png")).toBe("/uploads/-/groups/a/b/72a497a02fe3ee09edae2ed06d390038/pixel.png");
  });

  it("give every group route its layout (the 404s and the header), a loading skeleton and a client error boundary", () => {
    for (const [route, dir] of groupRoutes()) {
      if (route === "/groups/new") continue;
      for (const file of ["layout.tsx", "loading.tsx", "error.tsx"]) expect(fs.existsSync(path.join(dir, file)), `${route}/${file}`).toBe(true);
      expect(fs.readFileSync(path.join(dir, "error.tsx"), "utf8").startsWith('"use client";'), `${route}/error.tsx`).toBe(true);
    }
  });
});
