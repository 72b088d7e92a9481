import fs from "node:fs";
import path from "node:path";
import { gunzipSync } from "node:zlib";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { bulkImportExports, getDb, labels } from "@/lib/db";
import { createGroup } from "@/lib/groups";
import { makeUser, unique } from "@/test/helpers/factories";
import { findDownload } from "./export-download";
import { exportsRoot, runDirectory } from "./files";
import { runRelationExport } from "./run-relation-export";
import { EXPORT_STATUS } from "./status";

const FIRST_ATTEMPT = { retryCount: 0, retryLimit: 3 };

/** A group with labels and a started, unbatched export of them, as startExport leaves it (without queueing a job). */
async function startedLabelsExport(count: number, batched = false) {
  const user = await makeUser();
  const group = await createGroup(user, { name: "Twice", path: unique("twice") });
  await getDb().insert(labels).values(Array.from({ length: count }, (_, i) => ({ groupId: group.id, title: `l${i}` })));
  const [row] = await getDb().insert(bulkImportExports).values({ groupId: group.id, userId: user.id, relation: "labels", runId: unique("run"), batched }).returning();
  return { user, row: row!, portable: { kind: "group" as const, id: group.id, fullPath: group.fullPath } };
}

const linesOf = (gzipped: Buffer) =>
  gunzipSync(gzipped)
    .toString("utf8")
    .split("\n")
    .filter(Boolean)
    .map((line) => JSON.parse(line) as { title: string });

const exportRow = async (id: number) => (await getDb().select().from(bulkImportExports).where(eq(bulkImportExports.id, id)))[0]!;

describe("one relation export delivered twice at once", () => {
  it("keeps the file the export names: the second run to end neither replaces nor deletes it", async () => {
    const { user, row, portable } = await startedLabelsExport(50);
    // pg-boss hands a job out again when its worker stalls: two runs of one export, side by side.
    await Promise.all([runRelationExport(row.id, row.runId, FIRST_ATTEMPT), runRelationExport(row.id, row.runId, FIRST_ATTEMPT)]);

    const finished = await exportRow(row.id);
    expect(finished).toMatchObject({ status: EXPORT_STATUS.finished, totalObjectsCount: 50, filePath: path.join(runDirectory(row.id, row.runId), "all.gz") });
    const found = await findDownload(portable, user.id, "labels", null);
    if (!("file" in found)) throw new Error(`not downloadable: ${JSON.stringify(found)}`);
    const bytes = fs.readFileSync(found.file.path);
    expect([found.file.size, bytes.length]).toEqual([finished.fileSize, finished.fileSize]);
    const titles = linesOf(bytes).map((record) => record.title);
    expect(titles).toEqual(Array.from({ length: 50 }, (_, i) => `l${i}`));
    // Neither run leaves its working file behind.
    expect(fs.readdirSync(path.join(exportsRoot(), runDirectory(row.id, row.runId)))).toEqual(["all.gz"]);
  });

  it("keeps every batch file of a batched export, and each file the size its batch records", async () => {
    const { user, row, portable } = await startedLabelsExport(2500, true);
    await Promise.all([runRelationExport(row.id, row.runId, FIRST_ATTEMPT), runRelationExport(row.id, row.runId, FIRST_ATTEMPT)]);

    expect(await exportRow(row.id)).toMatchObject({ status: EXPORT_STATUS.finished, batchesCount: 3, totalObjectsCount: 2500 });
    const titles: string[] = [];
    for (const batchNumber of [1, 2, 3]) {
      const found = await findDownload(portable, user.id, "labels", batchNumber);
      if (!("file" in found)) throw new Error(`batch ${batchNumber} not downloadable: ${JSON.stringify(found)}`);
      const bytes = fs.readFileSync(found.file.path);
      expect(bytes.length).toBe(found.file.size);
      titles.push(...linesOf(bytes).map((record) => record.title));
    }
    expect(titles).toEqual(Array.from({ length: 2500 }, (_, i) => `l${i}`));
    expect(fs.readdirSync(path.join(exportsRoot(), runDirectory(row.id, row.runId))).sort()).toEqual(["batch-1.gz", "batch-2.gz", "batch-3.gz"]);
  });

  it("leaves the finished file alone when a late duplicate runs after the export finished", async () => {
    const { user, row, portable } = await startedLabelsExport(3);
    await runRelationExport(row.id, row.runId, FIRST_ATTEMPT);
    const before = await exportRow(row.id);
    await runRelationExport(row.id, row.runId, FIRST_ATTEMPT);
    expect(await exportRow(row.id)).toEqual(before);
    const found = await findDownload(portable, user.id, "labels", null);
    expect("file" in found && found.file.size).toBe(before.fileSize);
  });

  it("still removes the files of a run replaced while it was writing", async () => {
    const { row } = await startedLabelsExport(3000);
    const running = runRelationExport(row.id, row.runId, FIRST_ATTEMPT);
    // Once the run writes, the restart commits (startExport's reset, reduced to what the run checks).
    const directory = path.join(exportsRoot(), runDirectory(row.id, row.runId));
    while (!fs.existsSync(directory)) await new Promise((resolve) => setTimeout(resolve, 1));
    await getDb().update(bulkImportExports).set({ runId: "newer" }).where(eq(bulkImportExports.id, row.id));
    await running;
    expect(await exportRow(row.id)).toMatchObject({ status: EXPORT_STATUS.started, runId: "newer", filePath: null });
    expect(fs.existsSync(directory)).toBe(false);
  });
});
