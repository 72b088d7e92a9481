import { NextRequest } from "next/server";
import { beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { ACCESS_LEVELS, getDb, projectMembers } from "@/lib/db";
import { createGroup } from "@/lib/groups";
import { createProject, type ProjectWithAccess } from "@/lib/projects";
import type { PublicUser } from "@/lib/users";
import { designedIssue, storeLfsObject } from "@/test/helpers/design-repository";
import { makeUser, unique } from "@/test/helpers/factories";
import { temporaryDirectory } from "@/test/helpers/git-client";
import { proxySees, rewrittenPath } from "@/test/helpers/next-rewrites";
import { servedPathOf } from "../../../served-file";

// The seam: a real session needs Next's request context; the route only asks currentUser() who is signed in.
const session = vi.hoisted(() => ({ user: null as PublicUser | null }));
vi.mock("@/lib/auth", () => ({ currentUser: async () => session.user }));

const { GET: rawImage } = await import("./route");
const { default: proxy } = await import("@/proxy");

const scratch = temporaryDirectory("ferry-design-raw-");
const run = unique("raw-image");
const png = (name: string) => Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0]), Buffer.from(`${run} ${name}`)]);
const [MOCKUP_V1, MOCKUP_V2, FLOW, FOREIGN] = [png("mock-up v1"), png("mock-up v2"), png("flow"), png("foreign")];
const SVG = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>\n');
const SAFE = { "x-content-type-options": "nosniff", "content-security-policy": "default-src 'none'; sandbox" };

let owner: PublicUser;
let guest: PublicUser;
let stranger: PublicUser;
let project: ProjectWithAccess;
let other: ProjectWithAccess;
let designed: Awaited<ReturnType<typeof designedIssue>>;
let othersDesign: number;

beforeAll(async () => {
  [owner, guest, stranger] = [await makeUser(), await makeUser(), await makeUser()];
  const group = await createGroup(owner, { name: "Designs", path: unique("designs"), visibility: "private" });
  project = await createProject(owner, { name: "App", path: "app", namespaceId: group.id, visibility: "private" });
  other = await createProject(owner, { name: "Other", path: "other", namespaceId: group.id, visibility: "private" });
  await getDb().insert(projectMembers).values({ projectId: project.id, userId: guest.id, accessLevel: ACCESS_LEVELS.guest });
  for (const data of [MOCKUP_V1, MOCKUP_V2, FLOW]) await storeLfsObject(data, project.id);
  await storeLfsObject(FOREIGN, other.id);
  designed = await designedIssue(scratch, project.id, 3, [
    { "mockup.png": { lfs: MOCKUP_V1 }, "flow.png": { lfs: FLOW }, "drawing.svg": { raw: SVG } },
    { "mockup.png": { lfs: MOCKUP_V2 }, "foreign.png": { lfs: FOREIGN } },
    { "flow.png": null },
  ]);
  othersDesign = (await designedIssue(scratch, other.id, 1, [{ "foreign.png": { lfs: FOREIGN } }])).ids["foreign.png"]!;
});

beforeEach(() => {
  session.user = owner;
});

const get = (tail: string, fullPath = project.fullPath) => rawImage(new Request(`http://ferry.test/${fullPath}/-/design_management/designs/${tail}`));
const body = async (response: Response) => Buffer.from(await response.arrayBuffer());

describe("GET /:project/-/design_management/designs/:id[/:sha]/raw_image", () => {
  it("answers the latest version's image inline, typed as an image, never cached as for good", async () => {
    const response = await get(`${designed.ids["mockup.png"]}/raw_image`);
    expect(response.status).toBe(200);
    expect(Object.fromEntries(["content-type", "content-length", "content-disposition", "cache-control", ...Object.keys(SAFE)].map((h) => [h, response.headers.get(h)]))).toEqual({
      "content-type": "image/png",
      "content-length": String(MOCKUP_V2.length),
      "content-disposition": `inline; filename="mockup.png"; filename*=UTF-8''mockup.png`,
      "cache-control": "private, no-cache",
      ...SAFE,
    });
    expect((await body(response)).equals(MOCKUP_V2)).toBe(true);
  });

  it("answers one version's image by its commit, which the browser may keep for good", async () => {
    const first = await get(`${designed.ids["mockup.png"]}/${designed.shas[0]}/raw_image`);
    expect([first.status, first.headers.get("cache-control")]).toEqual([200, "private, max-age=31536000, immutable"]);
    expect((await body(first)).equals(MOCKUP_V1)).toBe(true);
    expect((await body(await get(`${designed.ids["mockup.png"]}/${designed.shas[1]}/raw_image`))).equals(MOCKUP_V2)).toBe(true);
    // The flow before the version that deleted it.
    expect((await body(await get(`${designed.ids["flow.png"]}/${designed.shas[0]}/raw_image`))).equals(FLOW)).toBe(true);
  });

  it("never shows an SVG as an image: it is code, sent as text", async () => {
    const response = await get(`${designed.ids["drawing.svg"]}/raw_image`);
    expect([response.status, response.headers.get("content-type"), response.headers.get("content-security-policy")]).toEqual([200, "text/plain; charset=utf-8", SAFE["content-security-policy"]]);
    expect(await response.text()).toBe(SVG.toString());
  });

  it("is 404 for a deleted design, an object the project does not have, another project's design, or an unknown version", async () => {
    const statuses = await Promise.all(
      [
        `${designed.ids["flow.png"]}/raw_image`,
        `${designed.ids["flow.png"]}/${designed.shas[2]}/raw_image`,
        `${designed.ids["foreign.png"]}/raw_image`,
        `${othersDesign}/raw_image`,
        `${designed.ids["mockup.png"]}/${"0".repeat(40)}/raw_image`,
        `${designed.ids["mockup.png"]}/main/raw_image`,
        `${designed.ids["mockup.png"]}/resized_image`,
        `${designed.ids["mockup.png"]}`,
        `x/raw_image`,
        `99999999999/raw_image`,
      ].map(async (tail) => {
        const response = await get(tail);
        return [tail, response.status, response.headers.get("content-security-policy")];
      }),
    );
    for (const [tail, status, policy] of statuses) expect([tail, status, policy]).toEqual([tail, 404, SAFE["content-security-policy"]]);
    // The other project's own address has it.
    expect((await body(await get(`${othersDesign}/raw_image`, other.fullPath))).equals(FOREIGN)).toBe(true);
  });

  it("is 404 for a user who may not read the project, and for nobody signed in; a Guest sees the designs of issues", async () => {
    const path = `${designed.ids["mockup.png"]}/raw_image`;
    session.user = stranger;
    expect((await get(path)).status).toBe(404);
    session.user = null;
    expect((await get(path)).status).toBe(404);
    session.user = guest;
    expect((await body(await get(path))).equals(MOCKUP_V2)).toBe(true);
  });

  it("is routed from GitLab's addresses, and served with a file's policy rather than a page's", async () => {
    expect(await rewrittenPath("/g/sub/p/-/design_management/designs/12/raw_image")).toBe("/projects/-/design-raw/12/raw_image/-/g/sub/p");
    const sha = "ab".repeat(20);
    expect(await rewrittenPath(`/g/sub/p/-/design_management/designs/12/${sha}/raw_image`)).toBe(`/projects/-/design-raw/12/${sha}/raw_image/-/g/sub/p`);
    expect(await rewrittenPath("/g/sub/p/-/design_management/designs/12/main/raw_image")).toBeNull();
    const expected = { fullPath: "g/sub/p", tail: ["12", sha, "raw_image"] };
    expect(servedPathOf(`/projects/-/design-raw/12/${sha}/raw_image/-/g/sub/p`, "design-raw")).toEqual(expected);
    expect(servedPathOf(`/g/sub/p/-/design_management/designs/12/${sha}/raw_image`, "design-raw")).toEqual(expected);
    // The rewritten address reaches the route as the original does.
    const rewritten = await rawImage(new Request(`http://ferry.test/projects/-/design-raw/${designed.ids["mockup.png"]}/raw_image/-/${project.fullPath}`));
    expect((await body(rewritten)).equals(MOCKUP_V2)).toBe(true);
    // proxy.ts sees it (sign-in) but leaves the route's own policy in place, where a page gets its nonce'd one.
    const policyOf = (url: string) => proxy(new NextRequest(`http://ferry.test${url}`, { headers: { cookie: "authjs.session-token=x" } })).headers.get("content-security-policy");
    expect(proxySees("/g/p/-/design_management/designs/12/raw_image")).toBe(true);
    expect(policyOf("/g/p/-/design_management/designs/12/raw_image")).toBeNull();
    expect(policyOf("/g/p/-/issues/1")).toMatch(/nonce-/);
  });
});
