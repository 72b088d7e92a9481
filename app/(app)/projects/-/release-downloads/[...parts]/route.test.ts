import { beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { getDb, releaseLinks, releases } from "@/lib/db";
import { createGroup } from "@/lib/groups";
import { createProject, type ProjectWithAccess } from "@/lib/projects";
import type { PublicUser } from "@/lib/users";
import { makeUser, unique } from "@/test/helpers/factories";
import { rewrittenPath } from "@/test/helpers/next-rewrites";

// The seam: a real session needs Next's request context; the route only asks currentUser() who is signed in.
const session = vi.hoisted(() => ({ user: null as PublicUser | null }));
vi.mock("@/lib/auth", () => ({ currentUser: async () => session.user }));

const { GET } = await import("./route");

let owner: PublicUser;
let stranger: PublicUser;
let project: ProjectWithAccess;

beforeAll(async () => {
  [owner, stranger] = await Promise.all([makeUser(), makeUser()]);
  const group = await createGroup(owner, { name: "Downloads", path: unique("dl"), visibility: "private" });
  project = await createProject(owner, { name: "Rocket", path: "rocket", namespaceId: group.id, visibility: "private" });
  const [release] = await getDb().insert(releases).values({ projectId: project.id, tagName: "release/1.0" }).returning();
  await getDb()
    .insert(releaseLinks)
    .values([
      { releaseId: release!.id, name: "Linux", url: "https://example.com/rocket-linux.tar.gz", filepath: "/bin/rocket linux.tar.gz", linkType: "package" },
      { releaseId: release!.id, name: "Notes", url: "https://example.com/notes" },
    ]);
});

beforeEach(() => {
  session.user = owner;
});

/** The browser's address of an asset, as next.config.js rewrites it for the route. */
async function download(tail: string): Promise<Response> {
  const rewritten = await rewrittenPath(`/${project.fullPath}/-/releases/${tail}`);
  expect(rewritten).toMatch(/^\/projects\/-\/release-downloads\//);
  return GET(new Request(`http://ferry.test${rewritten}`));
}

describe("GET /:project/-/releases/:tag/downloads/*filepath", () => {
  it("redirects to the address of the release's link with that filepath (the release entity's direct_asset_url)", async () => {
    const response = await download("release%2F1.0/downloads/bin/rocket%20linux.tar.gz");
    expect([response.status, response.headers.get("location")]).toEqual([302, "https://example.com/rocket-linux.tar.gz"]);
  });

  it("answers 404 when no link has the filepath, the release is not there, or the user may not read the project", async () => {
    for (const tail of ["release%2F1.0/downloads/bin/other", "release%2F1.0/downloads/bin", "v9/downloads/bin/rocket%20linux.tar.gz"]) {
      expect((await download(tail)).status, tail).toBe(404);
    }
    session.user = stranger;
    expect((await download("release%2F1.0/downloads/bin/rocket%20linux.tar.gz")).status).toBe(404);
  });

  it("leaves the release page itself to its page", async () => {
    expect(await rewrittenPath(`/${project.fullPath}/-/releases/release%2F1.0`)).toBe(`/projects/-/releases/release%2F1.0/-/${project.fullPath}`);
  });
});
