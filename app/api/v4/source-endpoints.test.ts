import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ACCESS_LEVELS, getDb, groupMembers } from "@/lib/db";
import { createGroup } from "@/lib/groups";
import { createProject } from "@/lib/projects";
import { call, tokenFor } from "@/test/helpers/api";
import { makeUser, unique } from "@/test/helpers/factories";
import { FIXTURES_ROOT } from "@/test/source";
import { GET as getBadges } from "./groups/[id]/badges/route";
import { GET as getAllMembers } from "./groups/[id]/members/all/route";
import { GET as getMembers } from "./groups/[id]/members/route";
import { GET as getProjects } from "./groups/[id]/projects/route";
import { GET as getMetadata } from "./metadata/route";
import { GET as getTokenSelf } from "./personal_access_tokens/self/route";
import { GET as getUser } from "./users/[id]/route";
import { GET as getVersion } from "./version/route";

const fixture = (file: string) => JSON.parse(fs.readFileSync(path.join(FIXTURES_ROOT, file), "utf8")) as Record<string, unknown>;
const typesOf = (value: Record<string, unknown>) => Object.fromEntries(Object.entries(value).map(([k, v]) => [k, v === null ? "null" : typeof v]));

describe("what an importer reads from a source, answered as GitLab does", () => {
  it("GET /version and /metadata: a version new enough for batched exports, in the documented shapes", async () => {
    const token = await tokenFor((await makeUser()).id, ["read_api"]);
    const version = await call(getVersion, "/api/v4/version", { token });
    // GitLab 15.4's documented shape, which 15.5 and later extend with /metadata's fields (/version mirrors it).
    const doc = fixture("api_examples/version_and_group_export_relations.from_doc.json")["GET /version"] as Record<string, unknown>;
    expect(typesOf(version.body as Record<string, unknown>)).toMatchObject(typesOf(doc));
    expect((version.body as { version: string }).version).toMatch(/^(1[7-9]|[2-9]\d)\.\d+\.\d+$/);

    const metadata = await call(getMetadata, "/api/v4/metadata", { token });
    const schema = fixture("gitlabhq/spec/fixtures/api/schemas/public_api/v4/metadata.json") as { required: string[]; properties: Record<string, { required?: string[] }> };
    expect(Object.keys(metadata.body as object).sort()).toEqual([...schema.required].sort());
    expect(Object.keys((metadata.body as { kas: object }).kas).sort()).toEqual([...schema.properties.kas!.required!].sort());
    // Ferry exports EE relations (epics), so it says it is an enterprise edition, in both places.
    expect(metadata.body).toMatchObject({ version: (version.body as { version: string }).version, enterprise: true, kas: { enabled: false } });
    expect(version.body).toEqual(metadata.body);
    expect((await call(getVersion, "/api/v4/version")).status).toBe(401);
  });

  it("GET /personal_access_tokens/self: the token asking, in the shape of the documented list item", async () => {
    const user = await makeUser();
    const token = await tokenFor(user.id, ["api"]);
    const self = await call(getTokenSelf, "/api/v4/personal_access_tokens/self", { token });
    const [doc] = fixture("api_examples/personal_access_tokens.from_doc.json")["GET /personal_access_tokens (example response)"] as Record<string, unknown>[];
    expect(Object.keys(self.body as object)).toEqual(Object.keys(doc!));
    expect(self.body).toMatchObject({ name: "test", revoked: false, scopes: ["api"], user_id: user.id, active: true, expires_at: null });
    expect(JSON.stringify(self.body)).not.toContain(token);
  });

  it("GET /groups/:id/projects: the count an importer's project_entities reads, the group's own projects only", async () => {
    const owner = await makeUser();
    const group = await createGroup(owner, { name: "Counted", path: unique("counted") });
    const sub = await createGroup(owner, { name: "Sub", path: "sub", parentId: group.id });
    await createProject(owner, { name: "One", namespaceId: group.id });
    await createProject(owner, { name: "Two", namespaceId: group.id });
    await createProject(owner, { name: "Deeper", namespaceId: sub.id });
    const token = await tokenFor(owner.id, ["read_api"]);
    // What lib/migration/pipelines/groups/project-entities.ts asks.
    const page = await call(getProjects, `/api/v4/groups/${group.id}/projects?include_subgroups=false&per_page=1&simple=true`, { token, params: { id: String(group.id) } });
    expect([page.status, (page.body as unknown[]).length, page.headers.get("x-total"), page.headers.get("x-total-pages")]).toEqual([200, 1, "2", "2"]);
  });

  it("GET /groups/:id/projects and /badges: empty pages with pagination headers; 404 for groups one cannot see", async () => {
    const [owner, stranger] = await Promise.all([makeUser(), makeUser()]);
    const group = await createGroup(owner, { name: "Lists", path: unique("lists") });
    const token = await tokenFor(owner.id);
    for (const route of [getProjects, getBadges]) {
      const page = await call(route, `/api/v4/groups/${group.id}/x?per_page=1`, { token, params: { id: String(group.id) } });
      expect(page.body).toEqual([]);
      expect([page.headers.get("x-total"), page.headers.get("x-total-pages"), page.headers.get("x-per-page")]).toEqual(["0", "1", "1"]);
      const hidden = await call(route, `/api/v4/groups/${group.id}/x`, { token: await tokenFor(stranger.id), params: { id: String(group.id) } });
      expect([hidden.status, hidden.body]).toEqual([404, { message: "404 Group Not Found" }]);
    }
  });

  it("GET /groups/:id/members and /members/all: direct members, or with those inherited; query and user_ids filter", async () => {
    const [owner, dev, inherited] = await Promise.all([makeUser(), makeUser(), makeUser()]);
    const top = await createGroup(owner, { name: "Top", path: unique("members") });
    await getDb().insert(groupMembers).values({ groupId: top.id, userId: inherited.id, accessLevel: ACCESS_LEVELS.reporter });
    const sub = await createGroup(owner, { name: "Sub", path: "sub", parentId: top.id });
    await getDb().insert(groupMembers).values({ groupId: sub.id, userId: dev.id, accessLevel: ACCESS_LEVELS.developer, expiresAt: "2999-01-01" });
    const token = await tokenFor(owner.id);
    const params = { id: String(sub.id) };

    const direct = await call(getMembers, `/api/v4/groups/${sub.id}/members`, { token, params });
    expect((direct.body as { username: string; access_level: number }[]).map((m) => [m.username, m.access_level])).toEqual([
      [owner.username, 50],
      [dev.username, 30],
    ]);
    expect((direct.body as object[])[1]).toMatchObject({ id: dev.id, name: dev.name, state: "active", expires_at: "2999-01-01", membership_state: "active", web_url: `http://ferry.test/users/${dev.username}` });
    expect(direct.headers.get("x-total")).toBe("2");

    const all = await call(getAllMembers, `/api/v4/groups/${sub.id}/members/all`, { token, params });
    expect((all.body as { username: string }[]).map((m) => m.username)).toContain(inherited.username);
    const filtered = await call(getAllMembers, `/api/v4/groups/${sub.id}/members/all?user_ids[]=${inherited.id}`, { token, params });
    expect((filtered.body as { id: number }[]).map((m) => m.id)).toEqual([inherited.id]);
    const searched = await call(getMembers, `/api/v4/groups/${sub.id}/members?query=${dev.username}`, { token, params });
    expect((searched.body as { id: number }[]).map((m) => m.id)).toEqual([dev.id]);
  });

  it("GET /users/:id: the public profile, with the email for admins only; 404 for unknown ids", async () => {
    const [user, other, admin] = await Promise.all([makeUser(), makeUser(), makeUser({ admin: true })]);
    const asOther = await call(getUser, `/api/v4/users/${user.id}`, { token: await tokenFor(other.id), params: { id: String(user.id) } });
    expect(asOther.body).toMatchObject({ id: user.id, username: user.username, name: user.name, state: "active", public_email: null, bot: false });
    expect(asOther.body).not.toHaveProperty("email");
    const asAdmin = await call(getUser, `/api/v4/users/${user.id}`, { token: await tokenFor(admin.id), params: { id: String(user.id) } });
    expect(asAdmin.body).toMatchObject({ email: user.email, is_admin: false });
    for (const id of ["99999999", "abc"]) {
      const missing = await call(getUser, `/api/v4/users/${id}`, { token: await tokenFor(other.id), params: { id } });
      expect([missing.status, missing.body]).toEqual([404, { message: "404 User Not Found" }]);
    }
  });
});
