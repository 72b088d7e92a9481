import { describe, expect, it } from "vitest";
import { call, tokenFor } from "@/test/helpers/api";
import { makeUser, unique } from "@/test/helpers/factories";
import { GET as getGroup } from "./groups/[id]/route";
import { GET as getDescendants } from "./groups/[id]/descendant_groups/route";
import { GET as getSubgroups } from "./groups/[id]/subgroups/route";
import { GET as listGroups, POST as createGroup } from "./groups/route";
import { GET as getUser } from "./user/route";

describe("/api/v4 authentication", () => {
  it("accepts PRIVATE-TOKEN, Bearer and private_token, and answers 401 otherwise", async () => {
    const user = await makeUser();
    const token = await tokenFor(user.id);
    for (const header of ["private-token", "bearer", "query"] as const) {
      const res = await call(getUser, "/api/v4/user", { token, header });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ id: user.id, username: user.username, email: user.email, is_admin: user.isAdmin, state: "active" });
    }
    expect(await call(getUser, "/api/v4/user")).toMatchObject({ status: 401, body: { message: "401 Unauthorized" } });
    expect(await call(getUser, "/api/v4/user", { token: "glpat-wrongwrongwrongwrongwrong" })).toMatchObject({ status: 401 });
  });

  it("lets read_api tokens read but not write", async () => {
    const user = await makeUser();
    const token = await tokenFor(user.id, ["read_api"]);
    expect((await call(listGroups, "/api/v4/groups", { token })).status).toBe(200);
    const res = await call(createGroup, "/api/v4/groups", { token, method: "POST", body: { name: "x", path: unique() } });
    expect(res).toMatchObject({ status: 403, body: { error: "insufficient_scope" } });
  });
});

describe("/api/v4/groups", () => {
  it("creates groups from JSON or form bodies and reads them by id or encoded full path", async () => {
    const user = await makeUser();
    const token = await tokenFor(user.id);
    const path = unique("api");
    const top = await call(createGroup, "/api/v4/groups", { token, method: "POST", body: { name: "API Top", path, visibility: "internal", description: "d" } });
    expect(top.status).toBe(201);
    expect(top.body).toMatchObject({ name: "API Top", path, full_path: path, visibility: "internal", description: "d", parent_id: null, web_url: `http://ferry.test/groups/${path}` });
    const topId = (top.body as { id: number }).id;
    const sub = await call(createGroup, "/api/v4/groups", { token, method: "POST", form: { name: "Child", path: "child", parent_id: String(topId) } });
    expect(sub.status).toBe(201);
    expect(sub.body).toMatchObject({ full_path: `${path}/child`, full_name: "API Top / Child", parent_id: topId });

    const byPath = await call(getGroup, `/api/v4/groups/${encodeURIComponent(`${path}/child`)}`, { token, params: { id: encodeURIComponent(`${path}/child`) } });
    expect(byPath).toMatchObject({ status: 200, body: { id: (sub.body as { id: number }).id } });
    const subgroups = await call(getSubgroups, `/api/v4/groups/${topId}/subgroups`, { token, params: { id: String(topId) } });
    expect((subgroups.body as { full_path: string }[]).map((g) => g.full_path)).toEqual([`${path}/child`]);
    const descendants = await call(getDescendants, `/api/v4/groups/${topId}/descendant_groups`, { token, params: { id: String(topId) } });
    expect(descendants.headers.get("x-total")).toBe("1");
  });

  it("answers GitLab's errors: missing params, invalid path, taken path, unknown parent, invisible group", async () => {
    const [user, stranger] = await Promise.all([makeUser(), makeUser()]);
    const token = await tokenFor(user.id);
    expect(await call(createGroup, "/api/v4/groups", { token, method: "POST", body: { name: "x" } })).toMatchObject({ status: 400, body: { error: "path is missing" } });
    const invalid = await call(createGroup, "/api/v4/groups", { token, method: "POST", body: { name: "x", path: "bad path" } });
    expect(invalid).toMatchObject({ status: 400, body: { message: { path: [expect.stringMatching(/no special characters/)] } } });
    const path = unique();
    await call(createGroup, "/api/v4/groups", { token, method: "POST", body: { name: "x", path } });
    const taken = await call(createGroup, "/api/v4/groups", { token, method: "POST", body: { name: "y", path: path.toUpperCase() } });
    expect(taken).toMatchObject({ status: 400, body: { message: { path: [expect.stringMatching(/already been taken/)] } } });
    expect((await call(createGroup, "/api/v4/groups", { token, method: "POST", body: { name: "z", path: unique(), parent_id: 99999999 } })).status).toBe(404);
    const strangerToken = await tokenFor(stranger.id);
    expect(await call(getGroup, `/api/v4/groups/${path}`, { token: strangerToken, params: { id: path } })).toMatchObject({ status: 404, body: { message: "404 Group Not Found" } });
  });

  it("filters by search, min_access_level and top_level_only, and sends GitLab's pagination headers", async () => {
    const user = await makeUser();
    const token = await tokenFor(user.id);
    const tag = unique("pag");
    for (let i = 1; i <= 3; i++) await call(createGroup, "/api/v4/groups", { token, method: "POST", body: { name: `${tag}-${i}`, path: `${tag}-${i}` } });
    const res = await call(listGroups, `/api/v4/groups?search=${tag}&min_access_level=50&top_level_only=true&per_page=2&page=1`, { token });
    expect((res.body as unknown[]).length).toBe(2);
    expect(Object.fromEntries(["x-total", "x-total-pages", "x-page", "x-per-page", "x-next-page", "x-prev-page"].map((h) => [h, res.headers.get(h)]))).toEqual({
      "x-total": "3",
      "x-total-pages": "2",
      "x-page": "1",
      "x-per-page": "2",
      "x-next-page": "2",
      "x-prev-page": "",
    });
    expect(res.headers.get("link")).toContain('rel="next"');
    const last = await call(listGroups, `/api/v4/groups?search=${tag}&per_page=2&page=2`, { token });
    expect(last.headers.get("x-next-page")).toBe("");
    expect(last.headers.get("x-prev-page")).toBe("1");
    expect((await call(listGroups, "/api/v4/groups?min_access_level=42", { token })).status).toBe(400);
    const other = await tokenFor((await makeUser()).id);
    expect((await call(listGroups, `/api/v4/groups?search=${tag}&min_access_level=10`, { token: other })).body).toEqual([]);
  });
});
