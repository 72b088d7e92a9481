import { describe, expect, it } from "vitest";
import { ACCESS_LEVELS, epicBoardLabels, epicBoardLists, epicBoards, epicLabels, epics, getDb, groupMembers, labels } from "@/lib/db";
import { makeUser, unique } from "@/test/helpers/factories";
import { createGroup } from "./create";
import { findEpicBoard, listEpicBoardColumns, listEpicBoardNames } from "./epic-boards";

/**
 * A group and its subgroup with labels A, B and Scope, and epics: in the group e1 [A], e2 [A, B], e3 [], e4 closed [A],
 * e5 confidential [B, Scope], e6 [B, Scope]; in the subgroup s1 [].
 */
async function setup() {
  const owner = await makeUser();
  const group = await createGroup(owner, { name: unique("G"), path: unique("g") });
  const sub = await createGroup(owner, { name: unique("S"), path: unique("s"), parentId: group.id });
  const db = getDb();
  const [a, b, scope] = await db
    .insert(labels)
    .values([
      { groupId: group.id, title: "A", color: "#ff0000" },
      { groupId: group.id, title: "B", color: "#00ff00" },
      { groupId: group.id, title: "Scope", color: "#0000ff" },
    ])
    .returning();
  const epic = (groupId: number, iid: number, extra: Partial<typeof epics.$inferInsert> = {}) => ({ groupId, iid, title: `e${iid}`, createdAt: new Date(Date.UTC(2025, 0, iid)), ...extra });
  const rows = await db
    .insert(epics)
    .values([epic(group.id, 1), epic(group.id, 2), epic(group.id, 3), epic(group.id, 4, { state: "closed" }), epic(group.id, 5, { confidential: true }), epic(group.id, 6), epic(sub.id, 1, { title: "s1" })])
    .returning();
  const byTitle = new Map(rows.map((r) => [r.title, r.id]));
  const link = (title: string, ...labelIds: number[]) => labelIds.map((labelId) => ({ epicId: byTitle.get(title)!, labelId }));
  await db.insert(epicLabels).values([...link("e1", a!.id), ...link("e2", a!.id, b!.id), ...link("e4", a!.id), ...link("e5", b!.id, scope!.id), ...link("e6", b!.id, scope!.id)]);

  const board = async (name: string, values: Partial<typeof epicBoards.$inferInsert>, lists: Omit<typeof epicBoardLists.$inferInsert, "epicBoardId">[], scopeIds: number[] = []) => {
    const [row] = await db.insert(epicBoards).values({ groupId: group.id, name, ...values }).returning();
    if (lists.length) await db.insert(epicBoardLists).values(lists.map((l) => ({ ...l, epicBoardId: row!.id })));
    if (scopeIds.length) await db.insert(epicBoardLabels).values(scopeIds.map((labelId) => ({ epicBoardId: row!.id, labelId })));
    return (await findEpicBoard(group.id, row!.id))!;
  };
  return { owner, group, sub, a: a!, b: b!, scope: scope!, board };
}

type Columns = Awaited<ReturnType<typeof listEpicBoardColumns>>;
const summary = (columns: Columns) => columns.map((c) => [c.listType, c.list?.label?.title ?? null, c.epics.map((e) => e.title), c.total]);

describe("epic board columns", () => {
  it("puts each epic in the lists GitLab would: label lists by label, Open without the lists' labels, Closed", async () => {
    const { owner, group, a, b, board } = await setup();
    const roadmap = await board("Roadmap", {}, [
      { listType: "closed" },
      { listType: "label", position: 1, labelId: a.id },
      { listType: "label", position: 0, labelId: b.id },
      { listType: "backlog" },
    ]);
    expect(roadmap.lists.map((l) => [l.listType, l.label?.title ?? null])).toEqual([
      ["backlog", null],
      ["label", "B"],
      ["label", "A"],
      ["closed", null],
    ]);
    // Newest first; the subgroup's epic too; an epic with two list labels shows in both lists.
    expect(summary(await listEpicBoardColumns(owner, group, roadmap, 20))).toEqual([
      ["backlog", null, ["e3", "s1"], 2],
      ["label", "B", ["e6", "e5", "e2"], 3],
      ["label", "A", ["e2", "e1"], 2],
      ["closed", null, ["e4"], 1],
    ]);
    // A card cap keeps the totals; keys name the lists.
    const capped = await listEpicBoardColumns(owner, group, roadmap, 1);
    expect(summary(capped).map(([, , cards, total]) => [cards, total])).toEqual([[["e3"], 2], [["e6"], 3], [["e2"], 2], [["e4"], 1]]);
    expect(capped.map((c) => c.key)).toEqual(roadmap.lists.map((l) => `list-${l.id}`));

    // A guest does not see the confidential epic.
    const guest = await makeUser();
    await getDb().insert(groupMembers).values({ groupId: group.id, userId: guest.id, accessLevel: ACCESS_LEVELS.guest });
    expect(summary(await listEpicBoardColumns(guest, group, roadmap, 20))[1]).toEqual(["label", "B", ["e6", "e2"], 2]);
    expect(await listEpicBoardNames(group.id)).toEqual([{ id: roadmap.id, name: "Roadmap" }]);
  });

  it("hides the lists the board hides, shows Open even without its list, and keeps every card within the board's scope", async () => {
    const { owner, group, a, scope, board } = await setup();
    const hidden = await board("Hidden", { hideBacklogList: true, hideClosedList: true }, [{ listType: "backlog" }, { listType: "label", position: 0, labelId: a.id }, { listType: "closed" }]);
    expect(summary(await listEpicBoardColumns(owner, group, hidden, 20))).toEqual([["label", "A", ["e2", "e1"], 2]]);

    const scoped = await board("Scoped", {}, [{ listType: "closed" }], [scope.id]);
    const columns = await listEpicBoardColumns(owner, group, scoped, 20);
    expect(summary(columns)).toEqual([
      ["backlog", null, ["e6", "e5"], 2],
      ["closed", null, [], 0],
    ]);
    expect(columns[0]!.key).toBe("open");
    expect(await findEpicBoard(group.id, 2 ** 31)).toBeUndefined();
    expect(await findEpicBoard(group.id + 1, scoped.id)).toBeUndefined();
  });
});
