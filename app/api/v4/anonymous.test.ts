import { beforeAll, describe, expect, it } from "vitest";
import { createPersonalAccessToken, revokePersonalAccessToken } from "@/lib/auth/tokens";
import { badges, epics, getDb } from "@/lib/db";
import { createGroup, type Group } from "@/lib/groups";
import { call, tokenFor } from "@/test/helpers/api";
import { makeUser, unique } from "@/test/helpers/factories";
import { GET as getUser } from "./users/[id]/route";
import { GET as getSelf } from "./user/route";
import { GET as getVersion } from "./version/route";
import { GET as getMetadata } from "./metadata/route";
import { GET as getTokenSelf } from "./personal_access_tokens/self/route";
import { GET as listGroups, POST as createGroupRoute } from "./groups/route";
import { GET as getGroup } from "./groups/[id]/route";
import { GET as getSubgroups } from "./groups/[id]/subgroups/route";
import { GET as getDescendants } from "./groups/[id]/descendant_groups/route";
import { GET as getProjects } from "./groups/[id]/projects/route";
import { GET as getBadges } from "./groups/[id]/badges/route";
import { GET as getBadge } from "./groups/[id]/badges/[badge_id]/route";
import { GET as getAvatar } from "./groups/[id]/avatar/route";
import { GET as listEpics } from "./groups/[id]/epics/route";
import { GET as getEpic } from "./groups/[id]/epics/[epic_iid]/route";
import { GET as getChildEpics } from "./groups/[id]/epics/[epic_iid]/epics/route";
import { GET as getEpicNotes } from "./groups/[id]/epics/[epic_iid]/notes/route";
import { GET as getIterations } from "./groups/[id]/iterations/route";
import { GET as getLabels } from "./groups/[id]/labels/route";
import { GET as getMilestones } from "./groups/[id]/milestones/route";
import { GET as getMembers } from "./groups/[id]/members/route";
import { GET as getAllMembers } from "./groups/[id]/members/all/route";
import { GET as getBoards } from "./groups/[id]/boards/route";
import { GET as exportStatus, POST as startExport } from "./groups/[id]/export_relations/route";
import { GET as listImports, POST as createImport } from "./bulk_imports/route";

type Json = Record<string, unknown>;
const fullPaths = (body: unknown) => (body as { full_path: string }[]).map((g) => g.full_path).sort();

/** A public group with a public and an internal subgroup, an internal and a private top-level group, all named with one tag. */
let tag: string;
let open: Group;
let openSub: Group;
let internalSub: Group;
let internal: Group;
let secret: Group;
let owner: Awaited<ReturnType<typeof makeUser>>;

beforeAll(async () => {
  owner = await makeUser();
  tag = unique("anon");
  open = await createGroup(owner, { name: "Open", path: `${tag}-open`, visibility: "public" });
  openSub = await createGroup(owner, { name: `${tag} open sub`, path: "sub", parentId: open.id, visibility: "public" });
  internalSub = await createGroup(owner, { name: `${tag} internal sub`, path: "inner", parentId: open.id, visibility: "internal" });
  internal = await createGroup(owner, { name: "Internal", path: `${tag}-internal`, visibility: "internal" });
  secret = await createGroup(owner, { name: "Secret", path: `${tag}-secret`, visibility: "private" });
  const db = getDb();
  await db.insert(badges).values([
    { groupId: open.id, name: "open badge", linkUrl: "https://example.com/o", imageUrl: "https://example.com/o.svg" },
    { groupId: secret.id, name: "secret badge", linkUrl: "https://example.com/s", imageUrl: "https://example.com/s.svg" },
  ]);
  await db.insert(epics).values([
    { groupId: open.id, iid: 1, title: "Public epic", authorId: owner.id },
    { groupId: open.id, iid: 2, title: "Confidential epic", confidential: true, authorId: owner.id },
    { groupId: secret.id, iid: 1, title: "Private epic", authorId: owner.id },
  ]);
});

const id = (group: Group) => ({ id: String(group.id) });

describe("anonymous reads, as GitLab serves them without a token", () => {
  it("GET /groups lists public groups only, internal and private ones left out", async () => {
    const anonymous = await call(listGroups, `/api/v4/groups?search=${tag}`);
    expect(anonymous.status).toBe(200);
    expect(fullPaths(anonymous.body)).toEqual([open.fullPath, openSub.fullPath]);
    // A signed-in stranger also sees internal groups (GitLab's rule), so the anonymous answer really is narrower.
    const stranger = await call(listGroups, `/api/v4/groups?search=${tag}`, { token: await tokenFor((await makeUser()).id, ["read_api"]) });
    expect(fullPaths(stranger.body)).toEqual([open.fullPath, openSub.fullPath, internalSub.fullPath, internal.fullPath].sort());
  });

  it("GET /groups/:id and its public sub-resources answer 200 for a public group, 404 for internal and private ones", async () => {
    expect(await call(getGroup, "/x", { params: id(open) })).toMatchObject({ status: 200, body: { id: open.id, visibility: "public" } });
    expect(await call(getGroup, "/x", { params: { id: encodeURIComponent(openSub.fullPath) } })).toMatchObject({ status: 200, body: { id: openSub.id } });
    for (const hidden of [internal, secret, internalSub]) {
      expect(await call(getGroup, "/x", { params: id(hidden) })).toEqual(expect.objectContaining({ status: 404, body: { message: "404 Group Not Found" } }));
    }
    expect(fullPaths((await call(getSubgroups, "/x", { params: id(open) })).body)).toEqual([openSub.fullPath]);
    expect(fullPaths((await call(getDescendants, "/x", { params: id(open) })).body)).toEqual([openSub.fullPath]);
    expect(await call(getProjects, "/x", { params: id(open) })).toMatchObject({ status: 200, body: [] });
    const badgeList = await call(getBadges, "/x", { params: id(open) });
    expect((badgeList.body as Json[]).map((b) => b.name)).toEqual(["open badge"]);
    expect((await call(getBadge, "/x", { params: { ...id(open), badge_id: String((badgeList.body as Json[])[0]!.id) } })).status).toBe(200);
    // The avatar route got past the group: this one just has none.
    expect(await call(getAvatar, "/x", { params: id(open) })).toMatchObject({ status: 404, body: { message: "404 Avatar Not Found" } });
    expect(await call(getIterations, "/x", { params: id(open) })).toMatchObject({ status: 200, body: [] });
    for (const route of [getSubgroups, getDescendants, getProjects, getBadges, getAvatar, getIterations, listEpics]) {
      expect(await call(route, "/x", { params: id(secret) }), route.name).toMatchObject({ status: 404, body: { message: "404 Group Not Found" } });
    }
  });

  it("epics of a public group are readable, confidential ones are not", async () => {
    const list = await call(listEpics, "/x", { params: id(open) });
    expect((list.body as Json[]).map((e) => e.title)).toEqual(["Public epic"]);
    expect(await call(getEpic, "/x", { params: { ...id(open), epic_iid: "1" } })).toMatchObject({ status: 200, body: { title: "Public epic" } });
    expect(await call(getEpic, "/x", { params: { ...id(open), epic_iid: "2" } })).toMatchObject({ status: 404, body: { message: "404 Not found" } });
    expect(await call(getEpic, "/x", { params: { ...id(secret), epic_iid: "1" } })).toMatchObject({ status: 404, body: { message: "404 Group Not Found" } });
  });

  it("GET /users/:id is a public profile: no email without an administrator's token", async () => {
    const res = await call(getUser, "/x", { params: { id: String(owner.id) } });
    expect(res).toMatchObject({ status: 200, body: { id: owner.id, username: owner.username } });
    expect(res.body).not.toHaveProperty("email");
  });

  it("what GitLab authenticates still answers 401 without a token, public group or not", async () => {
    const unauthorized = { status: 401, body: { message: "401 Unauthorized" } };
    for (const route of [getSelf, getVersion, getMetadata, getTokenSelf, listImports]) expect(await call(route, "/x"), route.name).toMatchObject(unauthorized);
    for (const route of [getLabels, getMilestones, getMembers, getAllMembers, getBoards, exportStatus]) {
      expect(await call(route, "/x", { params: id(open) }), route.name).toMatchObject(unauthorized);
    }
    for (const route of [getChildEpics, getEpicNotes]) expect(await call(route, "/x", { params: { ...id(open), epic_iid: "1" } })).toMatchObject(unauthorized);
    expect(await call(startExport, "/x", { method: "POST", params: id(open) })).toMatchObject(unauthorized);
    expect(await call(createGroupRoute, "/x", { method: "POST", body: { name: "x", path: unique() } })).toMatchObject(unauthorized);
    expect(await call(createImport, "/x", { method: "POST", body: {} })).toMatchObject(unauthorized);
  });

  it("a wrong, revoked or malformed token is a 401 even where no token is needed: GitLab never falls back to anonymous", async () => {
    const token = await tokenFor(owner.id);
    const { token: revoked, record } = await createPersonalAccessToken(owner.id, { name: "revoked", scopes: ["api"] });
    await revokePersonalAccessToken(owner.id, record.id);
    for (const bad of ["glpat-wrongwrongwrongwrongwrong", revoked, "not-even-a-token"]) {
      for (const header of ["private-token", "bearer", "query"] as const) {
        expect(await call(getGroup, "/x", { token: bad, header, params: id(open) }), `${bad} ${header}`).toMatchObject({ status: 401 });
      }
      expect((await call(listGroups, "/api/v4/groups", { token: bad })).status).toBe(401);
    }
    expect((await call(getGroup, "/x", { token, params: id(open) })).status).toBe(200);
    // A signed-in owner sees the private group the anonymous caller cannot.
    expect((await call(getGroup, "/x", { token, params: id(secret) })).status).toBe(200);
  });
});
