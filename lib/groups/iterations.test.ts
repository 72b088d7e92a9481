import { describe, expect, it } from "vitest";
import { getDb, iterationCadences, iterations } from "@/lib/db";
import { makeUser, unique } from "@/test/helpers/factories";
import { createGroup } from "./create";
import { iterationStateOn, listIterationCadences, listIterations } from "./iterations";

describe("group iterations", () => {
  it("states an iteration from its dates: both ends of an iteration are inside it", () => {
    expect(iterationStateOn("2026-11-16", "2026-11-29", "2026-11-15")).toBe("upcoming");
    expect(iterationStateOn("2026-11-16", "2026-11-29", "2026-11-16")).toBe("current");
    expect(iterationStateOn("2026-11-16", "2026-11-29", "2026-11-29")).toBe("current");
    expect(iterationStateOn("2026-11-16", "2026-11-29", "2026-11-30")).toBe("closed");
  });

  it("counts each cadence's iterations in a state, empty cadences included, and lists them by cadence for the page", async () => {
    const user = await makeUser();
    const group = await createGroup(user, { name: "Cadenced", path: unique("cadenced") });
    const [sprints, , train] = await getDb()
      .insert(iterationCadences)
      .values([{ groupId: group.id, title: "Sprints" }, { groupId: group.id, title: "Empty" }, { groupId: group.id, title: "Train" }])
      .returning();
    await getDb().insert(iterations).values([
      { groupId: group.id, cadenceId: sprints!.id, iid: 1, startDate: "2026-11-02", dueDate: "2026-11-15" },
      { groupId: group.id, cadenceId: sprints!.id, iid: 2, startDate: "2026-11-16", dueDate: "2026-11-29" },
      { groupId: group.id, cadenceId: sprints!.id, iid: 3, startDate: "2026-11-30", dueDate: "2026-12-13" },
      { groupId: group.id, cadenceId: train!.id, iid: 4, startDate: "2026-10-01", dueDate: "2026-10-31" },
    ]);
    const today = "2026-11-22";
    const counts = async (state: "opened" | "closed" | "all") => Object.fromEntries((await listIterationCadences(group.id, { state, today })).map((c) => [c.title, c.iterationCount]));
    expect(await counts("opened")).toEqual({ Empty: 0, Sprints: 2, Train: 0 });
    expect(await counts("closed")).toEqual({ Empty: 0, Sprints: 1, Train: 1 });
    expect(await counts("all")).toEqual({ Empty: 0, Sprints: 3, Train: 1 });

    const closed = await listIterations([group.id], { state: "closed", order: "cadence", page: 1, perPage: 20, today });
    expect(closed.rows.map((r) => [r.cadenceTitle, r.iid, r.state])).toEqual([["Sprints", 1, "closed"], ["Train", 4, "closed"]]);
    const all = await listIterations([group.id], { state: "all", order: "cadence", page: 1, perPage: 2, today });
    expect([all.total, all.rows.map((r) => [r.iid, r.state])]).toEqual([4, [[1, "closed"], [2, "current"]]]);
  });
});
