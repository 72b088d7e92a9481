import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestSource, type TestSource } from "./server";
import { api, complexFile, fixtureLines, json } from "./test-client";
import { ACCESS } from "./types";

type GroupJson = Record<string, unknown> & { id: number; full_path: string };

const ROOT_PATH = "ymg09t5704clnxnqfgaj2h098gz4r7gyx4wc3fzmlqj1en24zf";
const CHILD_PATH = "pwip17beq7vl4nuwz9ie7bk8navpxj1w04zylmmjveab5bargr";

let source: TestSource;
beforeAll(async () => {
  source = await startTestSource({
    groups: [{ fixture: "complex" }, { fixture: "visibility_levels/internal" }],
    tokens: [
      { token: "owner", scopes: ["api"], userId: 1 },
      { token: "outsider", scopes: ["api"], userId: 2 },
      { token: "developer", scopes: ["api"], userId: 3 },
    ],
  });
  // Fixture groups are owned by every user unless told otherwise.
  source.setAccess(4351, 2, ACCESS.none);
  source.setAccess(283, 2, ACCESS.none);
  source.setAccess(4351, 3, ACCESS.developer);
});
afterAll(() => source.close());

describe("groups", () => {
  it("lists the top-level groups the user owns, in GitLab's shape", async () => {
    const response = await api(source, "/groups?top_level_only=true&min_access_level=50", { token: "owner" });
    expect(response.status).toBe(200);
    const groups = await json<GroupJson[]>(response);
    expect(groups.map((g) => g.id).sort()).toEqual([283, 4351]);
    const root = groups.find((g) => g.id === 4351);
    expect(root).toMatchObject({
      name: ROOT_PATH,
      path: ROOT_PATH,
      full_path: ROOT_PATH,
      full_name: ROOT_PATH,
      description: "Group Description",
      visibility: "private",
      parent_id: null,
      avatar_url: null,
      web_url: `${source.url}/groups/${ROOT_PATH}`,
      created_at: "2019-11-20T17:01:53.000Z",
      project_creation_level: "developer",
      subgroup_creation_level: "maintainer",
      emails_enabled: false,
    });
    expect(response.headers.get("x-total")).toBe("2");
  });

  it("maps visibility_level 0/10/20 to private/internal/public", async () => {
    const groups = await json<GroupJson[]>(await api(source, "/groups/283/descendant_groups?order_by=id", { token: "owner" }));
    expect(groups.map((g) => [g.id, g.visibility, g.full_path])).toEqual([
      [284, "public", "internal/public"],
      [285, "internal", "internal/internal"],
      [286, "private", "internal/private"],
    ]);
    const top = await json<GroupJson>(await api(source, "/groups/283", { token: "owner" }));
    expect(top.visibility).toBe("internal");
  });

  it("finds a group by URL-encoded full path and lists subgroups and descendants", async () => {
    const child = await json<GroupJson>(await api(source, `/groups/${encodeURIComponent(`${ROOT_PATH}/${CHILD_PATH}`)}`, { token: "owner" }));
    expect(child).toMatchObject({ id: 4352, parent_id: 4351, full_name: `${ROOT_PATH} / ${CHILD_PATH}`, projects: [] });
    const subgroups = await json<GroupJson[]>(await api(source, "/groups/4351/subgroups?order_by=id", { token: "owner" }));
    expect(subgroups.map((g) => g.id)).toEqual([4352, 4353]);
    const descendants = await api(source, `/groups/${ROOT_PATH}/descendant_groups`, { token: "owner" });
    expect(descendants.headers.get("x-total")).toBe("2");
    const detail = await json<GroupJson>(await api(source, "/groups/4351?with_projects=false", { token: "owner" }));
    expect(detail).not.toHaveProperty("projects");
    expect(detail.prevent_sharing_groups_outside_hierarchy).toBe(false);
  });

  it("searches names and paths case-insensitively", async () => {
    const groups = await json<GroupJson[]>(await api(source, "/groups?search=PWIP17", { token: "owner" }));
    expect(groups.map((g) => g.id)).toEqual([4352]);
  });

  it("lists members from members.ndjson and badges from badges.ndjson", async () => {
    const members = await json<{ id: number; username: string; access_level: number }[]>(await api(source, "/groups/4351/members", { token: "owner" }));
    const records = fixtureLines(complexFile("4351", "members.ndjson")).map((l) => JSON.parse(l) as { user_id: number; access_level: number });
    expect(members.map((m) => [m.id, m.access_level])).toEqual(records.map((r) => [r.user_id, r.access_level]));
    expect(members.find((m) => m.id === 271)?.username).toBe("charlesetta");

    const badges = await json<Record<string, unknown>[]>(await api(source, "/groups/4351/badges", { token: "owner" }));
    expect(badges).toEqual([
      {
        name: null,
        id: 10,
        link_url: "https://localhost:3443/%{default_branch}",
        image_url: "https://badge_image.png",
        rendered_link_url: "https://localhost:3443/%{default_branch}",
        rendered_image_url: "https://badge_image.png",
        kind: "group",
      },
    ]);
    const projects = await api(source, "/groups/4351/projects", { token: "owner" });
    expect(await json(projects)).toEqual([]);
    expect(projects.headers.get("x-total")).toBe("0");
  });

  it("hides private groups from users without access and shows internal ones", async () => {
    const listed = await json<GroupJson[]>(await api(source, "/groups", { token: "outsider" }));
    expect(listed).toEqual([]);
    const hidden = await api(source, "/groups/4351", { token: "outsider" });
    expect(hidden.status).toBe(404);
    expect(await json(hidden)).toEqual({ message: "404 Group Not Found" });
    expect((await api(source, "/groups/283", { token: "outsider" })).status).toBe(200);
    const available = await json<GroupJson[]>(await api(source, "/groups?all_available=true&order_by=id", { token: "outsider" }));
    expect(available.map((g) => g.id)).toEqual([283, 284, 285]);
  });

  it("filters by min_access_level using inherited access", async () => {
    const asDeveloper = (query: string) => api(source, `/groups?${query}`, { token: "developer" }).then((r) => json<GroupJson[]>(r));
    expect((await asDeveloper("min_access_level=30&order_by=id")).map((g) => g.id)).toEqual([283, 284, 285, 286, 4351, 4352, 4353]);
    expect((await asDeveloper("min_access_level=50&order_by=id")).map((g) => g.id)).toEqual([283, 284, 285, 286]);
    const invalid = await api(source, "/groups?min_access_level=51", { token: "developer" });
    expect(invalid.status).toBe(400);
  });
});
