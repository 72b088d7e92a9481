import { and, asc, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { epicBoardLists, epicBoards, getDb, labels } from "@/lib/db";
import { importGroupAlone } from "@/test/helpers/imports";
import { runImportWorker } from "@/test/helpers/import-worker";
import { runTestSource } from "@/test/helpers/test-source";
import { fromFile, ndjsonRecords } from "@/test/source";
import { STATUS, TRACKER_STATUS } from "../../index";

runImportWorker("pgboss_epic_boards_test");

const ROOT = 4351;
const FIXTURE = "test/fixtures/ferry/epic_boards.ndjson";
type Json = Record<string, unknown>;
const fixture = ndjsonRecords<Json & { name: string; epic_lists: Json[] }>(FIXTURE);
const LIST_TYPES = ["backlog", "label", "closed"];

describe("epic boards imported from an EE source", () => {
  describe("from 18.4 on", () => {
    const source = runTestSource({ version: "18.5.0-ee", batchSize: 2, exportDelayMs: 20 }, (gitlab) => gitlab.setRelation(ROOT, "epic_boards", fromFile(FIXTURE)));

    it("brings every board with its lists, each label list on the group's own label, a missing label made from the export", async () => {
      const { bulkImport, root, result } = await importGroupAlone(source(), ROOT, "epic-boards");
      expect(bulkImport).toMatchObject({ status: STATUS.finished, hasFailures: false });
      expect(root.trackers.get("epic_boards")).toMatchObject({ status: TRACKER_STATUS.finished, stage: 2, batched: true, sourceObjectsCount: 3, fetchedObjectsCount: 3, importedObjectsCount: 3 });
      // GitLab 18.4+ exports the relation for every group, empty when the group has no epic boards.
      for (const [path, entry] of result) if (path !== source().group(ROOT).path) expect(entry.trackers.get("epic_boards")).toMatchObject({ status: TRACKER_STATUS.finished, importedObjectsCount: 0 });

      const db = getDb();
      const groupId = root.group!.id;
      const boards = await db.select().from(epicBoards).where(eq(epicBoards.groupId, groupId)).orderBy(asc(epicBoards.createdAt));
      expect(boards.map((b) => [b.name, b.hideBacklogList, b.hideClosedList, b.displayColors, b.createdAt.toISOString(), b.updatedAt.toISOString(), b.sourceAttributes])).toEqual(
        fixture.map((r) => [r.name, r.hide_backlog_list, r.hide_closed_list, r.display_colors, r.created_at, r.updated_at, { group_id: ROOT }]),
      );

      for (const [index, board] of boards.entries()) {
        const lists = await db
          .select({ listType: epicBoardLists.listType, position: epicBoardLists.position, label: labels.title, labelGroup: labels.groupId, labelKey: labels.importKey, createdAt: epicBoardLists.createdAt, sourceAttributes: epicBoardLists.sourceAttributes })
          .from(epicBoardLists)
          .leftJoin(labels, eq(labels.id, epicBoardLists.labelId))
          .where(eq(epicBoardLists.epicBoardId, board.id))
          .orderBy(asc(epicBoardLists.id));
        expect(lists).toEqual(
          fixture[index]!.epic_lists.map((l) => {
            const label = l.label as Json | undefined;
            return {
              listType: typeof l.list_type === "number" ? LIST_TYPES[l.list_type] : l.list_type,
              position: l.position,
              label: label?.title ?? null,
              labelGroup: label ? groupId : null,
              // The group's labels came first (stage 1) and are reused; Roadmap::Later was made by this pipeline.
              labelKey: label ? (label.title === "Roadmap::Later" ? null : `id:${String(label.id)}`) : null,
              createdAt: new Date(l.created_at as string),
              sourceAttributes: { group_id: ROOT },
            };
          }),
        );
      }
      const made = await db.select().from(labels).where(and(eq(labels.groupId, groupId), eq(labels.title, "Roadmap::Later")));
      expect(made).toMatchObject([{ color: "#8fbc8f", description: "Ideas we have agreed to revisit next half", importKey: null }]);
    });
  });

  describe("before 18.4", () => {
    const source = runTestSource({ version: "18.3.2-ee", exportDelayMs: 20 }, (gitlab) => gitlab.setRelation(ROOT, "epic_boards", fromFile(FIXTURE)));

    it("has no epic boards tracker, as GitLab's importer skips the pipeline, even when the source exports the relation", async () => {
      const { bulkImport, root } = await importGroupAlone(source(), ROOT, "epic-boards-old");
      expect(bulkImport).toMatchObject({ status: STATUS.finished, hasFailures: false });
      expect(root.trackers.has("epic_boards")).toBe(false);
      expect(await getDb().select().from(epicBoards).where(eq(epicBoards.groupId, root.group!.id))).toEqual([]);
    });
  });
});
