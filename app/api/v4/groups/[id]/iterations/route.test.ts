import { describe, expect, it } from "vitest";
import { getDb, iterationCadences, iterations } from "@/lib/db";
import { createGroup } from "@/lib/groups";
import { call, tokenFor } from "@/test/helpers/api";
import { makeUser, unique } from "@/test/helpers/factories";
import { GET } from "./route";

const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
// GitLab's API::Entities::Iteration, in its exposure order.
const KEYS = ["id", "iid", "sequence", "group_id", "title", "description", "state", "created_at", "updated_at", "start_date", "due_date", "web_url"];

async function setup() {
  const [owner, stranger] = await Promise.all([makeUser(), makeUser()]);
  const parent = await createGroup(owner, { name: "Parent", path: unique("parent") });
  const child = await createGroup(owner, { name: "Child", path: "child", parentId: parent.id });
  const db = getDb();
  const [parentCadence, childCadence] = await db
    .insert(iterationCadences)
    .values([
      { groupId: parent.id, title: "Release train" },
      { groupId: child.id, title: "Sprints" },
    ])
    .returning();
  const rows = await db
    .insert(iterations)
    .values([
      { groupId: child.id, cadenceId: childCadence!.id, iid: 1, sequence: 1, startDate: day(-30), dueDate: day(-17), updatedAt: new Date("2024-01-01T00:00:00Z") },
      { groupId: child.id, cadenceId: childCadence!.id, iid: 2, sequence: 2, title: "Sprint 2", description: "Now", startDate: day(-3), dueDate: day(10) },
      { groupId: child.id, cadenceId: childCadence!.id, iid: 3, sequence: 3, startDate: day(11), dueDate: day(24), state: "closed" },
      { groupId: parent.id, cadenceId: parentCadence!.id, iid: 1, sequence: 1, startDate: day(-10), dueDate: day(17) },
    ])
    .returning();
  return { owner, stranger, parent, child, rows };
}

describe("GET /api/v4/groups/:id/iterations", () => {
  it("lists the group's and its ancestors' iterations in GitLab's shape, state worked out from today's date", async () => {
    const { owner, parent, child, rows } = await setup();
    const token = await tokenFor(owner.id, ["read_api"]);
    const params = { id: String(child.id) };
    const list = await call(GET, `/api/v4/groups/${child.id}/iterations`, { token, params });
    expect(list.status).toBe(200);
    const body = list.body as Record<string, unknown>[];
    expect(Object.keys(body[0]!)).toEqual(KEYS);
    // By due date; state 1 upcoming, 2 current, 3 closed, whatever was stored (the third row says closed).
    expect(body.map((i) => [i.id, i.state])).toEqual([
      [rows[0]!.id, 3],
      [rows[1]!.id, 2],
      [rows[3]!.id, 2],
      [rows[2]!.id, 1],
    ]);
    expect(body[1]).toMatchObject({ iid: 2, sequence: 2, group_id: child.id, title: "Sprint 2", description: "Now", start_date: day(-3), due_date: day(10), web_url: `http://ferry.test/groups/${child.fullPath}/-/iterations/${rows[1]!.id}` });
    expect(body[2]).toMatchObject({ group_id: parent.id, title: null, web_url: `http://ferry.test/groups/${parent.fullPath}/-/iterations/${rows[3]!.id}` });
    expect(list.headers.get("x-total")).toBe("4");

    const own = async (query: string) => ((await call(GET, `/api/v4/groups/${child.id}/iterations?${query}`, { token, params })).body as { iid: number; group_id: number }[]).map((i) => `${i.group_id === child.id ? "c" : "p"}${i.iid}`);
    expect(await own("include_ancestors=false")).toEqual(["c1", "c2", "c3"]);
    expect(await own("state=opened")).toEqual(["c2", "p1", "c3"]);
    expect(await own("state=current")).toEqual(["c2", "p1"]);
    expect(await own("state=upcoming")).toEqual(["c3"]);
    expect(await own("state=closed")).toEqual(["c1"]);
    expect(await own("search=sprint")).toEqual(["c2"]);
    expect(await own("search=train&in=title,cadence_title")).toEqual(["p1"]);
    expect(await own("search=train&in[]=cadence_title&include_ancestors=false")).toEqual([]);
    expect(await own("updated_before=2024-06-01T00:00:00Z")).toEqual(["c1"]);
    expect(await own("updated_after=2024-06-01T00:00:00Z")).toEqual(["c2", "p1", "c3"]);

    const paged = await call(GET, `/api/v4/groups/${child.id}/iterations?per_page=1&page=2`, { token, params });
    expect((paged.body as { id: number }[]).map((i) => i.id)).toEqual([rows[1]!.id]);
    expect([paged.headers.get("x-total-pages"), paged.headers.get("x-next-page"), paged.headers.get("x-prev-page")]).toEqual(["4", "3", "1"]);

    // The parent's list has no child iterations (GitLab's include_descendants defaults to false).
    expect(((await call(GET, `/api/v4/groups/${parent.id}/iterations`, { token, params: { id: String(parent.id) } })).body as unknown[]).length).toBe(1);
    const byPath = await call(GET, `/api/v4/groups/${encodeURIComponent(child.fullPath)}/iterations?include_ancestors=false`, { token, params: { id: encodeURIComponent(child.fullPath) } });
    expect((byPath.body as unknown[]).length).toBe(3);
  });

  it("refuses bad parameters as Grape does and hides a private group from a stranger", async () => {
    const { owner, stranger, child } = await setup();
    const token = await tokenFor(owner.id);
    const params = { id: String(child.id) };
    for (const [query, name] of [
      ["state=started", "state"],
      ["include_ancestors=maybe", "include_ancestors"],
      ["in=body", "in"],
      ["updated_after=yesterday", "updated_after"],
    ]) {
      const answer = await call(GET, `/api/v4/groups/${child.id}/iterations?${query}`, { token, params });
      expect([answer.status, answer.body]).toEqual([400, { error: `${name} is invalid` }]);
    }
    const hidden = await call(GET, `/api/v4/groups/${child.id}/iterations`, { token: await tokenFor(stranger.id), params });
    expect([hidden.status, hidden.body]).toEqual([404, { message: "404 Group Not Found" }]);
    // Anonymous callers see public groups only, as on GitLab: a private one is not found rather than unauthorized.
    expect((await call(GET, `/api/v4/groups/${child.id}/iterations`, { params })).status).toBe(404);
  });
});
