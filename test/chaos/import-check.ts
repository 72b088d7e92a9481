import { inArray, sql } from "drizzle-orm";
import { expect } from "vitest";
import { bulkImportFailures, getDb, labels, milestones } from "@/lib/db";
import { STATUS, TRACKER_STATUS } from "@/lib/migration";
import { importResult, sourceCount } from "@/test/helpers/imports";
import type { TestSource } from "@/test/source";

/**
 * What a chaos run must end with: the import finished without failures, every group with exactly the source's labels
 * and milestones, no record twice, every relation ended and counting what the database holds.
 */
export async function expectCompleteImport(source: TestSource, bulkImportId: number, sourceGroupIds: readonly number[]) {
  const result = await importResult(bulkImportId);
  expect(result.size).toBe(sourceGroupIds.length);
  for (const [path, entry] of result) {
    const sourceId = sourceGroupIds.find((id) => path === source.group(id).path || path.endsWith(`/${source.group(id).path}`))!;
    expect(entry.entity.status, `status of ${path}`).toBe(STATUS.finished);
    expect(entry.labels, `labels of ${path}`).toBe(await sourceCount(source, sourceId, "labels"));
    expect(entry.milestones, `milestones of ${path}`).toBe(await sourceCount(source, sourceId, "milestones"));
    expect(entry.trackers.get("labels")!.importedObjectsCount, `labels counted for ${path}`).toBe(entry.labels);
    expect(entry.trackers.get("milestones")!.importedObjectsCount, `milestones counted for ${path}`).toBe(entry.milestones);
    for (const tracker of entry.trackers.values()) {
      expect([TRACKER_STATUS.finished, TRACKER_STATUS.skipped], `${tracker.relation} of ${path}`).toContain(tracker.status);
    }
  }
  const groupIds = [...result.values()].map((e) => e.group!.id);
  // The unique import keys already forbid a record loaded twice; these check what a user would see twice.
  const duplicates = [
    sql`SELECT group_id, title FROM ${labels} WHERE ${inArray(labels.groupId, groupIds)} GROUP BY 1, 2 HAVING count(*) > 1`,
    sql`SELECT group_id, iid FROM ${milestones} WHERE ${inArray(milestones.groupId, groupIds)} GROUP BY 1, 2 HAVING count(*) > 1`,
  ];
  for (const query of duplicates) {
    const [row] = await getDb().select({ n: sql<number>`count(*)::int` }).from(sql`(${query}) d`);
    expect(row!.n).toBe(0);
  }
  const failures = await getDb().select().from(bulkImportFailures).where(inArray(bulkImportFailures.entityId, [...result.values()].map((e) => e.entity.id)));
  expect(failures).toEqual([]);
}
