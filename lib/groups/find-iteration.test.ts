import { describe, expect, it } from "vitest";
import { iterationEntity } from "@/lib/api/entities/iterations";
import { getDb, iterationCadences, iterations } from "@/lib/db";
import { makeUser, unique } from "@/test/helpers/factories";
import { createGroup } from "./create";
import { findIteration } from "./iterations";

describe("one iteration of a group", () => {
  it("is found by id in its own group only, with its cadence and its state from the dates", async () => {
    const user = await makeUser();
    const parent = await createGroup(user, { name: "Parent", path: unique("parent") });
    const child = await createGroup(user, { name: "Child", path: "child", parentId: parent.id });
    const [cadence] = await getDb().insert(iterationCadences).values({ groupId: child.id, title: "Sprints" }).returning();
    const [own, ancestors] = await getDb()
      .insert(iterations)
      .values([
        // Stored as closed: the page, like the list, goes by the dates.
        { groupId: child.id, cadenceId: cadence!.id, iid: 1, title: "Sprint 1", description: "Line one\n\nLine two", startDate: "2026-11-16", dueDate: "2026-11-29", state: "closed" },
        { groupId: parent.id, iid: 1, startDate: "2026-11-16", dueDate: "2026-11-29" },
      ])
      .returning();

    expect(await findIteration(child.id, own!.id, "2026-11-22")).toMatchObject({
      id: own!.id,
      groupId: child.id,
      cadenceTitle: "Sprints",
      title: "Sprint 1",
      description: "Line one\n\nLine two",
      state: "current",
      startDate: "2026-11-16",
      dueDate: "2026-11-29",
    });
    expect((await findIteration(child.id, own!.id, "2026-12-01"))?.state).toBe("closed");
    expect(await findIteration(parent.id, ancestors!.id)).toMatchObject({ cadenceTitle: null, title: null });
    // The API lists an ancestor's iterations for the child, but the iteration's page is under its own group.
    expect(await findIteration(child.id, ancestors!.id)).toBeUndefined();
    expect(await findIteration(parent.id, own!.id)).toBeUndefined();
    expect(await findIteration(child.id, 2_147_483_647)).toBeUndefined();
    expect(await findIteration(child.id, 99_999_999_999)).toBeUndefined();
  });

  it("has its page where the API's web_url points", async () => {
    const user = await makeUser();
    const group = await createGroup(user, { name: "Web", path: unique("web") });
    const [row] = await getDb().insert(iterations).values({ groupId: group.id, iid: 1, startDate: "2026-01-05", dueDate: "2026-01-18" }).returning();
    const found = await findIteration(group.id, row!.id);
    const { web_url } = iterationEntity(found!, group.fullPath, "http://ferry.test");
    // The group page's route: /groups/<full path>/-/<tab>/<id>, the id the page looks the iteration up by.
    const match = new URL(web_url).pathname.match(/^\/groups\/(.+)\/-\/iterations\/(\d+)$/);
    expect(match?.[1]).toBe(group.fullPath);
    expect(await findIteration(group.id, Number(match?.[2]))).toEqual(found);
  });
});
