import { asc, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { bulkImportFailures, epicBoardLabels, epicBoardLists, epicBoards, getDb, labels } from "@/lib/db";
import { childEntityFixture, seedLabelHierarchy } from "@/test/helpers/import-entity";
import { epicBoardsPipeline } from "./epic-boards";
import { pipelineFor, pipelinesFor } from "../index";
import type { EntityContext } from "../support/types";

const SOURCE_URL = "https://src.example.com";
const setup = () => childEntityFixture("18.5.0-ee");

const nestedLabel = (id: number, title: string, color = "#112233") => ({ id, title, color, project_id: null, description: `${title} label`, group_id: 99, type: "GroupLabel", priorities: [] });
const list = (list_type: unknown, extra: Record<string, unknown> = {}) => ({ created_at: "2025-10-02T09:13:10.517Z", updated_at: "2025-10-06T14:20:17.860Z", position: null, list_type, group_id: 99, ...extra });

describe("epic boards pipeline", () => {
  it("runs for EE sources from 18.4 only, the way GitLab compares versions", () => {
    const relations = (sourceVersion: string, sourceEnterprise: boolean) =>
      pipelinesFor({ portable: "group", sourceVersion, sourceEnterprise, migrateProjects: false, migrateMemberships: false } as EntityContext).map((p) => p.relation);
    expect(relations("18.4.0-ee", true)).toContain("epic_boards");
    expect(relations("18.4.0-pre", true)).toContain("epic_boards");
    expect(relations("19.0.0-ee", true)).toContain("epic_boards");
    expect(relations("18.3.9-ee", true)).not.toContain("epic_boards");
    expect(relations("17.8.0-ee", true)).not.toContain("epic_boards");
    expect(relations("18.5.0", false)).not.toContain("epic_boards");
    expect(pipelineFor("group", "epic_boards")?.stage).toBe(2);
  });

  it("resolves lists and scope in the group and its parents, creates missing labels, skips what it cannot map, and loads once", async () => {
    const { parent, child, parentEntity, entity } = await setup();
    const db = getDb();
    const { childShared, parentOnly, keyed } = await seedLabelHierarchy({ parent, child, parentEntity });

    const record = {
      hide_backlog_list: false,
      hide_closed_list: true,
      group_id: 99,
      created_at: "2025-10-02T09:12:41.305Z",
      updated_at: "2025-10-06T14:20:17.881Z",
      name: "Roadmap",
      display_colors: false,
      labels: [nestedLabel(1, "Shared"), nestedLabel(2, "Scope only", "#fedcba")],
      epic_lists: [
        list("backlog"),
        list("label", { position: 0, label: nestedLabel(1, "Shared"), collapsed: true }),
        // GitLab's column holds the enum's integer: label 1.
        list(1, { position: 1, label: nestedLabel(3, "Parent only") }),
        list("label", { position: 2, label: nestedLabel(4, "Brand new", "#0a0b0c") }),
        list("label", { position: 3, label_id: 777 }),
        list("label", { position: 4, label_id: 778 }),
        list("label", { position: 5 }),
        list("label", { position: -1, label: nestedLabel(5, "Negative") }),
        list("milestone", { position: 6 }),
        list("label", { position: 7, label: nestedLabel(1, "Shared") }),
        "not a list",
        list(2),
      ],
    };
    const plain = { name: "Development", epic_lists: [list(0), list(2)] };
    const rows = [epicBoardsPipeline.transform(record, entity, "line:0:1"), epicBoardsPipeline.transform(plain, entity, "line:0:2")];
    // Replayed: the second run finds both boards and adds nothing, not even failures.
    for (let run = 0; run < 2; run += 1) await db.transaction((tx) => epicBoardsPipeline.load(tx, rows, entity));

    const boardRows = await db.select().from(epicBoards).where(eq(epicBoards.groupId, child.id)).orderBy(asc(epicBoards.name));
    expect(boardRows.map((b) => [b.name, b.hideBacklogList, b.hideClosedList, b.displayColors, b.importKey])).toEqual([
      ["Development", false, false, true, "line:0:2"],
      ["Roadmap", false, true, false, "line:0:1"],
    ]);
    const board = boardRows[1]!;
    expect(board.createdAt.toISOString()).toBe("2025-10-02T09:12:41.305Z");
    expect(board.updatedAt.toISOString()).toBe("2025-10-06T14:20:17.881Z");
    expect(board.sourceAttributes).toEqual({ group_id: 99 });

    const created = await db.select().from(labels).where(eq(labels.groupId, child.id)).orderBy(asc(labels.title));
    expect(created.map((l) => [l.title, l.color, l.description])).toEqual([
      ["Brand new", "#0a0b0c", "Brand new label"],
      ["Scope only", "#fedcba", "Scope only label"],
      ["Shared", "#ffffff", null],
    ]);
    expect(created.find((l) => l.title === "Brand new")!.sourceAttributes).toEqual({ id: 4, project_id: null, group_id: 99, type: "GroupLabel", priorities: [] });
    const byTitle = new Map(created.map((l) => [l.title, l.id]));
    const scope = await db.select().from(epicBoardLabels).where(eq(epicBoardLabels.epicBoardId, board.id));
    expect(scope.map((l) => l.labelId).sort()).toEqual([childShared.id, byTitle.get("Scope only")].sort());

    const lists = await db.select().from(epicBoardLists).where(eq(epicBoardLists.epicBoardId, board.id)).orderBy(asc(epicBoardLists.id));
    expect(lists.map((l) => [l.listType, l.position, l.labelId])).toEqual([
      ["backlog", null, null],
      ["label", 0, childShared.id],
      ["label", 1, parentOnly.id],
      ["label", 2, byTitle.get("Brand new")],
      ["label", 3, keyed.id],
      ["closed", null, null],
    ]);
    expect(lists[1]!.sourceAttributes).toEqual({ group_id: 99, collapsed: true });
    expect(lists[1]!.createdAt.toISOString()).toBe("2025-10-02T09:13:10.517Z");
    const plainLists = await db.select().from(epicBoardLists).where(eq(epicBoardLists.epicBoardId, boardRows[0]!.id)).orderBy(asc(epicBoardLists.id));
    expect(plainLists.map((l) => l.listType)).toEqual(["backlog", "closed"]);

    const failures = await db.select().from(bulkImportFailures).where(eq(bulkImportFailures.entityId, entity.entityId)).orderBy(asc(bulkImportFailures.id));
    expect(failures.map((f) => [f.sourceTitle, f.exceptionMessage])).toEqual([
      ["Roadmap: label list with source id 778", "label with source id 778 was not imported"],
      ["Roadmap: label list", "label list has no label"],
      ['Roadmap: label list "Negative"', "position must be greater than or equal to 0"],
      ["Roadmap: list 9", 'list_type "milestone" is not one of backlog, label, closed'],
      ['Roadmap: label list "Shared"', "the board already has this label list"],
      ["Roadmap: list 11", "list 11 is not an object"],
    ]);
    expect(failures.every((f) => f.relation === "epic_boards" && f.pipelineClass === "BulkImports::Groups::Pipelines::EpicBoardsPipeline" && f.sourceUrl === `${SOURCE_URL}/groups/src/sub/-/epic_boards`)).toBe(true);
  });

  it("refuses a board without a name or with malformed fields", async () => {
    const { entity } = await setup();
    const transform = (record: Record<string, unknown>) => epicBoardsPipeline.transform(record, entity, "line:0:1");
    expect(() => transform({ name: " " })).toThrow(/name can't be blank/);
    expect(() => transform({ name: "B", epic_lists: {} })).toThrow(/epic_lists must be an array/);
    expect(() => transform({ name: "B", labels: "Shared" })).toThrow(/labels must be an array/);
    expect(() => transform({ name: "B", hide_backlog_list: "yes" })).toThrow(/hide_backlog_list must be true or false/);
    expect(() => transform({ name: "B", display_colors: 1 })).toThrow(/display_colors must be true or false/);
    expect(() => transform({ name: "x".repeat(256) })).toThrow(/name is too long/);
    expect(epicBoardsPipeline.titleOf!({ name: "Roadmap" })).toBe("Roadmap");
  });
});
