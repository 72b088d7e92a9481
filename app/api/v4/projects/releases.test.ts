import { beforeAll, describe, expect, it } from "vitest";
import { ACCESS_LEVELS, getDb, groupMembers, releaseLinks, releases } from "@/lib/db";
import { call, tokenFor } from "@/test/helpers/api";
import { makeUser } from "@/test/helpers/factories";
import { temporaryDirectory } from "@/test/helpers/git-client";
import { repositoryProject, type RepositoryProject } from "@/test/helpers/repository-project";
import { GET as getLink, PUT as putLink, DELETE as deleteLink } from "./[id]/releases/[tag_name]/assets/links/[link_id]/route";
import { GET as getLinks, POST as postLink } from "./[id]/releases/[tag_name]/assets/links/route";
import { GET as getDownload } from "./[id]/releases/[tag_name]/downloads/[...direct_asset_path]/route";
import { GET as getTag } from "./[id]/repository/tags/[tag_name]/route";
import { GET as getTags } from "./[id]/repository/tags/route";

type Route = (request: Request, context: { params: Promise<Record<string, string | string[] | undefined>> }) => Promise<Response>;
type Json = Record<string, unknown>;

const root = temporaryDirectory("ferry-api-releases-");
let sample: RepositoryProject;
let api: (route: Route, tail: string, options?: { token?: string | null; method?: string }) => ReturnType<typeof call>;
let linkIds: { binary: number; runbook: number; javascript: number };
let projectUrl: string;

beforeAll(async () => {
  sample = await repositoryProject(root);
  api = (route, tail, options = {}) => call(route, `/api/v4/projects/${sample.project.id}/${tail}`, { token: options.token === null ? undefined : (options.token ?? sample.token), method: options.method });
  projectUrl = `http://ferry.test/${sample.project.fullPath}`;
  const db = getDb();
  const [release] = await db.insert(releases).values({ projectId: sample.project.id, tagName: "release/1.1", name: "One point one", description: "## Notes\n\nThe second release." }).returning();
  // Oldest first: the API lists them newest first.
  const at = (minute: number) => new Date(Date.UTC(2024, 4, 4, 10, minute));
  const [binary] = await db.insert(releaseLinks).values({ releaseId: release!.id, name: "app-linux", url: "https://downloads.example.com/app-linux-1.1", filepath: "/bin/app-linux", linkType: "package", createdAt: at(1) }).returning();
  const [runbook] = await db.insert(releaseLinks).values({ releaseId: release!.id, name: "Runbook", url: "https://example.com/runbook", linkType: "runbook", createdAt: at(2) }).returning();
  const [javascript] = await db.insert(releaseLinks).values({ releaseId: release!.id, name: "Bad", url: "javascript:alert(1)", filepath: "/bad", createdAt: at(3) }).returning();
  linkIds = { binary: binary!.id, runbook: runbook!.id, javascript: javascript!.id };
});

describe("GET /projects/:id/repository/tags with releases", () => {
  it("gives a tag with a release its tag name and notes (Entities::TagRelease), the others null", async () => {
    const listed = await api(getTags, "repository/tags?order_by=name&sort=asc");
    expect(listed.status).toBe(200);
    expect(Object.fromEntries((listed.body as Json[]).map((tag) => [tag.name, tag.release]))).toEqual({
      "release/1.1": { tag_name: "release/1.1", description: "## Notes\n\nThe second release." },
      "v1.0": null,
    });
    expect((await api(getTag, "repository/tags/release%2F1.1")).body).toMatchObject({ name: "release/1.1", release: { tag_name: "release/1.1", description: "## Notes\n\nThe second release." } });
    expect((await api(getTag, "repository/tags/v1.0")).body).toMatchObject({ name: "v1.0", release: null });
  });
});

describe("GET /projects/:id/releases/:tag_name/assets/links", () => {
  it("lists the release's links newest first in Entities::Releases::Link's shape, paginated", async () => {
    const listed = await api(getLinks, "releases/release%2F1.1/assets/links");
    expect(listed.status).toBe(200);
    expect(listed.headers.get("x-total")).toBe("3");
    const links = listed.body as Json[];
    expect(links.map((link) => link.id)).toEqual([linkIds.javascript, linkIds.runbook, linkIds.binary]);
    expect(links[2]).toEqual({
      id: linkIds.binary,
      name: "app-linux",
      url: "https://downloads.example.com/app-linux-1.1",
      direct_asset_url: `${projectUrl}/-/releases/release%2F1.1/downloads/bin/app-linux`,
      link_type: "package",
    });
    // A link without a filepath has its own address as its direct one.
    expect(links[1]).toMatchObject({ name: "Runbook", direct_asset_url: "https://example.com/runbook", link_type: "runbook" });
    const second = await api(getLinks, "releases/release%2F1.1/assets/links?per_page=2&page=2");
    expect([(second.body as Json[]).map((link) => link.id), second.headers.get("x-page")]).toEqual([[linkIds.binary], "2"]);
  });

  it("shows one link, and answers 404 for a release or link that is not there", async () => {
    expect(await api(getLink, `releases/release%2F1.1/assets/links/${linkIds.runbook}`)).toMatchObject({ status: 200, body: { id: linkIds.runbook, name: "Runbook" } });
    expect(await api(getLink, "releases/release%2F1.1/assets/links/999999")).toMatchObject({ status: 404, body: { message: "404 Not found" } });
    expect(await api(getLink, `releases/v1.0/assets/links/${linkIds.runbook}`)).toMatchObject({ status: 404, body: { message: "404 Not found" } });
    expect(await api(getLinks, "releases/v9/assets/links")).toMatchObject({ status: 404, body: { message: "404 Not found" } });
  });

  it("keeps the project's readers only: a stranger gets 404 Project Not Found, anonymous too", async () => {
    const stranger = await tokenFor((await makeUser()).id);
    expect(await api(getLinks, "releases/release%2F1.1/assets/links", { token: stranger })).toMatchObject({ status: 404, body: { message: "404 Project Not Found" } });
    expect(await api(getLinks, "releases/release%2F1.1/assets/links", { token: null })).toMatchObject({ status: 404 });
  });

  it("answers a change to links 403 (Ferry does not edit releases), changing nothing; a hidden project stays 404", async () => {
    const developer = await makeUser();
    await getDb().insert(groupMembers).values({ groupId: sample.group.id, userId: developer.id, accessLevel: ACCESS_LEVELS.developer });
    const token = await tokenFor(developer.id);
    expect(await api(postLink as Route, "releases/release%2F1.1/assets/links", { token, method: "POST" })).toMatchObject({ status: 403, body: { message: "403 Forbidden" } });
    expect(await api(putLink as Route, `releases/release%2F1.1/assets/links/${linkIds.runbook}`, { token, method: "PUT" })).toMatchObject({ status: 403 });
    expect(await api(deleteLink as Route, `releases/release%2F1.1/assets/links/${linkIds.runbook}`, { token, method: "DELETE" })).toMatchObject({ status: 403 });
    const stranger = await tokenFor((await makeUser()).id);
    expect(await api(deleteLink as Route, `releases/release%2F1.1/assets/links/${linkIds.runbook}`, { token: stranger, method: "DELETE" })).toMatchObject({ status: 404, body: { message: "404 Project Not Found" } });
    expect(((await api(getLinks, "releases/release%2F1.1/assets/links")).body as Json[]).length).toBe(3);
  });
});

describe("GET /projects/:id/releases/:tag_name/downloads/*direct_asset_path", () => {
  const download = (tail: string, token?: string | null) =>
    getDownload(new Request(`http://ferry.test/api/v4/projects/${sample.project.id}/releases/${tail}`, { headers: token === null ? {} : { "private-token": token ?? sample.token } }), { params: Promise.resolve({}) } as never);

  it("redirects to the address of the link with that filepath", async () => {
    const response = await download("release%2F1.1/downloads/bin/app-linux");
    expect([response.status, response.headers.get("location")]).toEqual([302, "https://downloads.example.com/app-linux-1.1"]);
  });

  it("answers 404 for a filepath no link has, a release that is not there, or a link whose address is not the web's", async () => {
    for (const tail of ["release%2F1.1/downloads/bin/other", "release%2F1.1/downloads/bin", "v9/downloads/bin/app-linux", "release%2F1.1/downloads/bad"]) {
      const response = await download(tail);
      expect([tail, response.status, response.headers.get("location")]).toEqual([tail, 404, null]);
    }
  });
});
