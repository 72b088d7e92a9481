import { and, asc, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { boardLabels, boardLists, boards, bulkImportFailures, getDb, iterations, labels, milestones, sourceUserMappings, sourceUsers, users } from "@/lib/db";
import { unique } from "@/test/helpers/factories";
import { childEntityFixture, seedLabelHierarchy } from "@/test/helpers/import-entity";
import { boardsPipeline } from "./boards";

const SOURCE_URL = "https://src.example.com";
const setup = () => childEntityFixture("17.8.0");

const nestedLabel = (id: number, title: string, color = "#112233") => ({ id, title, color, description: `${title} label`, group_id: 99, type: "GroupLabel", priorities: [] });
const list = (id: number, list_type: string, extra: Record<string, unknown> = {}) => ({ id, board_id: 500, list_type, position: null, max_issue_count: 0, max_issue_weight: 0, ...extra });

describe("boards pipeline", () => {
  it("resolves lists and scope in the group and its parents, creates missing labels, skips what it cannot map, and loads once", async () => {
    const { importer, parent, child, parentEntity, entity } = await setup();
    const db = getDb();
    const { childShared, parentOnly, keyed } = await seedLabelHierarchy({ parent, child, parentEntity });
    const [release] = await db.insert(milestones).values({ groupId: parent.id, iid: 1, title: "Release 1" }).returning();
    const [sprint] = await db.insert(iterations).values({ groupId: parent.id, iid: 1, startDate: "2024-01-01", dueDate: "2024-01-14" }).returning();
    // Source user 42 was imported as a member (mapped); 43 never was, and the source (not asked here) told nothing of it.
    const [member] = await db.insert(sourceUsers).values({ sourceUrl: SOURCE_URL, sourceUserId: 42, username: unique("src") }).returning();
    await db.insert(sourceUserMappings).values({ sourceUserId: member!.id, rootGroupId: parent.id, userId: importer.id });

    const record = {
      id: 500,
      name: "Team board",
      milestone_id: 9,
      milestone: { id: 9, title: "Release 1" },
      weight: 3,
      hide_backlog_list: true,
      hide_closed_list: false,
      created_at: "2021-01-02T03:04:05.000Z",
      iteration_id: null,
      board_assignee: { id: 1, board_id: 500, assignee_id: 42 },
      labels: [nestedLabel(1, "Shared"), nestedLabel(2, "Scope only", "#fedcba")],
      lists: [
        list(10, "backlog"),
        list(11, "label", { position: 0, label_id: 1, label: nestedLabel(1, "Shared"), max_issue_count: 5, limit_metric: "issue_count" }),
        list(12, "label", { position: 1, label_id: 3, label: nestedLabel(3, "Parent only") }),
        list(13, "label", { position: 2, label_id: 4, label: nestedLabel(4, "Brand new", "#0a0b0c") }),
        list(14, "label", { position: 3, label_id: 777 }),
        list(15, "milestone", { position: 4, milestone_id: 9, milestone: { id: 9, title: "Release 1" } }),
        list(16, "iteration", { position: 5, iteration: { iid: 1, start_date: "2024-01-01", due_date: "2024-01-14" } }),
        list(17, "assignee", { position: 6, user_id: 42 }),
        list(18, "assignee", { position: 7, user_id: 43 }),
        list(19, "iteration", { position: 8, iteration: { iid: 2, start_date: "2030-01-01", due_date: "2030-01-14" } }),
        list(20, "sideways"),
        list(21, "label", { position: 9, label_id: 1, label: nestedLabel(1, "Shared") }),
        list(22, "closed"),
      ],
    };
    const special = { id: 501, name: "Upcoming work", milestone_id: -2, lists: [] };
    const rows = [boardsPipeline.transform(record, entity, "id:500"), boardsPipeline.transform(special, entity, "id:501")];
    // Replayed: the second run finds both boards and adds nothing, not even failures.
    for (let run = 0; run < 2; run += 1) await db.transaction((tx) => boardsPipeline.load(tx, rows, entity));

    const boardRows = await db.select().from(boards).where(eq(boards.groupId, child.id)).orderBy(asc(boards.name));
    expect(boardRows.map((b) => [b.name, b.milestoneId, b.milestoneScope, b.assigneeId, b.weight, b.hideBacklogList, b.hideClosedList])).toEqual([
      ["Team board", release!.id, null, importer.id, 3, true, false],
      ["Upcoming work", null, -2, null, null, false, false],
    ]);
    const board = boardRows[0]!;
    expect(board.createdAt.toISOString()).toBe("2021-01-02T03:04:05.000Z");
    expect(board.sourceAttributes).toEqual({ id: 500, iteration_id: null });

    const created = await db.select().from(labels).where(eq(labels.groupId, child.id)).orderBy(asc(labels.title));
    expect(created.map((l) => [l.title, l.color, l.description])).toEqual([
      ["Brand new", "#0a0b0c", "Brand new label"],
      ["Scope only", "#fedcba", "Scope only label"],
      ["Shared", "#ffffff", null],
    ]);
    const byTitle = new Map(created.map((l) => [l.title, l.id]));
    expect((await db.select().from(boardLabels).where(eq(boardLabels.boardId, board.id))).map((l) => l.labelId).sort()).toEqual([childShared.id, byTitle.get("Scope only")].sort());

    const lists = await db.select().from(boardLists).where(eq(boardLists.boardId, board.id)).orderBy(asc(boardLists.id));
    expect(lists.map((l) => [l.listType, l.position, l.labelId, l.milestoneId, l.iterationId, l.userId, l.maxIssueCount])).toEqual([
      ["backlog", null, null, null, null, null, 0],
      ["label", 0, childShared.id, null, null, null, 5],
      ["label", 1, parentOnly.id, null, null, null, 0],
      ["label", 2, byTitle.get("Brand new"), null, null, null, 0],
      ["label", 3, keyed.id, null, null, null, 0],
      ["milestone", 4, null, release!.id, null, null, 0],
      ["iteration", 5, null, null, sprint!.id, null, 0],
      ["assignee", 6, null, null, null, importer.id, 0],
      ["assignee", 7, null, null, null, lists[8]!.userId, 0],
      ["closed", null, null, null, null, null, 0],
    ]);
    // Like any contribution of a source user nobody mapped yet: a placeholder of the top-level group.
    const [ghost] = await db.select({ userType: users.userType }).from(users).where(eq(users.id, lists[8]!.userId!));
    expect(ghost).toMatchObject({ userType: "placeholder" });
    expect(lists[1]!.sourceAttributes).toEqual({ id: 11, limit_metric: "issue_count" });

    const failures = await db.select().from(bulkImportFailures).where(and(eq(bulkImportFailures.entityId, entity.entityId), eq(bulkImportFailures.relation, "boards")));
    expect(failures.map((f) => f.exceptionMessage).sort()).toEqual(
      [
        'iteration 2030-01-01 – 2030-01-14 not found in the group or its parents',
        'list_type "sideways" is not one of backlog, label, closed, assignee, milestone, iteration',
        "the board already has this label list",
      ].sort(),
    );
    expect(failures.every((f) => f.sourceTitle?.startsWith("Team board: ") && f.sourceUrl === `${SOURCE_URL}/groups/src/sub/-/boards/500`)).toBe(true);
  });

  it("refuses a board without a name or with malformed fields, and imports a board whose milestone is gone without its scope", async () => {
    const { child, entity } = await setup();
    expect(() => boardsPipeline.transform({ id: 1, name: " " }, entity, "id:1")).toThrow(/name can't be blank/);
    expect(() => boardsPipeline.transform({ id: 2, name: "B", weight: "heavy" }, entity, "id:2")).toThrow(/weight must be an integer/);
    expect(() => boardsPipeline.transform({ id: 3, name: "B", lists: {} }, entity, "id:3")).toThrow(/lists must be an array/);
    expect(() => boardsPipeline.transform({ id: 4, name: "B", hide_closed_list: "yes" }, entity, "id:4")).toThrow(/hide_closed_list/);

    const row = boardsPipeline.transform({ id: 5, name: "Orphan", milestone_id: 31, milestone: { id: 31, title: "Never imported" } }, entity, "id:5");
    await getDb().transaction((tx) => boardsPipeline.load(tx, [row], entity));
    const [board] = await getDb().select().from(boards).where(eq(boards.groupId, child.id));
    expect(board).toMatchObject({ name: "Orphan", milestoneId: null, milestoneScope: null });
    const failures = await getDb().select().from(bulkImportFailures).where(eq(bulkImportFailures.entityId, entity.entityId));
    expect(failures.map((f) => [f.sourceTitle, f.exceptionMessage])).toEqual([["Orphan: milestone scope", 'milestone "Never imported" not found in the group or its parents; the board has no milestone scope']]);
  });
});
