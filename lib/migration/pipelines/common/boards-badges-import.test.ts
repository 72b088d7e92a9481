import { asc, eq, inArray } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { badges, boardLabels, boardLists, boards, getDb, labels } from "@/lib/db";
import { destinationOf, importSourceGroup } from "@/test/exchange/fixture-import";
import { makeUser, unique } from "@/test/helpers/factories";
import { importResult } from "@/test/helpers/imports";
import { runImportWorker } from "@/test/helpers/import-worker";
import { runTestSource } from "@/test/helpers/test-source";
import { treeRecords } from "@/test/source";
import { STATUS, TRACKER_STATUS } from "../../index";

runImportWorker("pgboss_boards_badges_test");

const ROOT = 4351;
const GROUPS = [4351, 4352, 4353];

type Json = Record<string, unknown>;

const source = runTestSource({ version: "17.8.0-ee", batchSize: 4, exportDelayMs: 50 });

describe("badges and boards imported from GitLab's complex group export", () => {
  it("brings every badge and board with its lists, each list on the group's own label", async () => {
    const user = await makeUser();
    const imported = await importSourceGroup(source(), source().group(ROOT).path, user, unique("boards"));
    expect(imported).toMatchObject({ status: STATUS.finished, hasFailures: false });
    const result = await importResult(imported.bulkImportId);
    const db = getDb();

    for (const id of GROUPS) {
      const group = destinationOf(source(), imported.byPath, id, ROOT);
      const entry = [...result.values()].find((e) => e.group?.id === group.id)!;

      const sourceBadges = treeRecords(id, "badges");
      expect(entry.trackers.get("badges")).toMatchObject({ status: TRACKER_STATUS.finished, sourceObjectsCount: sourceBadges.length, importedObjectsCount: sourceBadges.length });
      const badgeRows = await db.select().from(badges).where(eq(badges.groupId, group.id)).orderBy(asc(badges.id));
      expect(badgeRows.map((b) => ({ name: b.name, linkUrl: b.linkUrl, imageUrl: b.imageUrl, createdAt: b.createdAt.toISOString(), sourceId: b.sourceAttributes.id }))).toEqual(
        sourceBadges.map((b) => ({ name: null, linkUrl: b.link_url, imageUrl: b.image_url, createdAt: b.created_at, sourceId: b.id })),
      );

      const sourceBoards = treeRecords(id, "boards");
      expect(entry.trackers.get("boards")).toMatchObject({ status: TRACKER_STATUS.finished, sourceObjectsCount: sourceBoards.length, importedObjectsCount: sourceBoards.length });
      const boardRows = await db.select().from(boards).where(eq(boards.groupId, group.id)).orderBy(asc(boards.name));
      expect(boardRows.map((b) => ({ name: b.name, weight: b.weight, milestoneId: b.milestoneId, milestoneScope: b.milestoneScope, hideBacklogList: b.hideBacklogList, hideClosedList: b.hideClosedList }))).toEqual(
        sourceBoards
          .map((b) => ({ name: b.name, weight: null, milestoneId: null, milestoneScope: null, hideBacklogList: false, hideClosedList: false }))
          .sort((a, b) => String(a.name).localeCompare(String(b.name))),
      );

      for (const board of boardRows) {
        const sourceBoard = sourceBoards.find((b) => b.name === board.name)!;
        const lists = await db
          .select({ listType: boardLists.listType, position: boardLists.position, label: labels.title, labelGroup: labels.groupId, maxIssueCount: boardLists.maxIssueCount, sourceAttributes: boardLists.sourceAttributes })
          .from(boardLists)
          .leftJoin(labels, eq(labels.id, boardLists.labelId))
          .where(eq(boardLists.boardId, board.id))
          .orderBy(asc(boardLists.id));
        const sourceLists = (sourceBoard.lists as Json[] | undefined) ?? [];
        expect(lists).toEqual(
          sourceLists.map((l) => ({
            listType: l.list_type,
            position: l.position,
            label: (l.label as Json | undefined)?.title ?? null,
            labelGroup: l.label ? group.id : null,
            maxIssueCount: l.max_issue_count,
            sourceAttributes: { id: l.id },
          })),
        );
        expect(await db.select().from(boardLabels).where(eq(boardLabels.boardId, board.id))).toHaveLength((sourceBoard.labels as unknown[]).length);
      }
    }

    // "first board" lists the labels the root imported (TSL, Sosync): none had to be created for it.
    const root = destinationOf(source(), imported.byPath, ROOT, ROOT);
    expect(await db.select({ id: labels.id }).from(labels).where(eq(labels.groupId, root.id))).toHaveLength(treeRecords(ROOT, "labels").length);
    const rootBoard = (await db.select().from(boards).where(eq(boards.groupId, root.id)))[0]!;
    const labelLists = await db.select({ labelId: boardLists.labelId }).from(boardLists).where(eq(boardLists.boardId, rootBoard.id));
    const listLabels = await db.select({ title: labels.title, importKey: labels.importKey }).from(labels).where(inArray(labels.id, labelLists.map((l) => l.labelId!).filter(Boolean)));
    expect(listLabels.map((l) => l.title).sort()).toEqual(["Sosync", "TSL"]);
    expect(listLabels.every((l) => l.importKey?.startsWith("id:"))).toBe(true);
  }, 120_000);
});
