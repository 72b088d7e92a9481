import fs from "node:fs";
import path from "node:path";
import { gunzipSync } from "node:zlib";
import { and, eq } from "drizzle-orm";
import { afterAll, describe, expect, it } from "vitest";
import { bulkImportExportBatches, bulkImportExports, getDb, labels, milestones } from "@/lib/db";
import { createGroup } from "@/lib/groups";
import { stopBoss } from "@/lib/jobs";
import { makeUser, unique } from "@/test/helpers/factories";
import { exportsRoot, runDirectory } from "./files";
import { findDownload } from "./export-download";
import { groupSelfRecord } from "./relations/groups/group-self";
import { labelRecord } from "./relations/common/labels";
import { milestoneRecord } from "./relations/common/milestones";
import { pruneExports } from "./prune";
import { relationsFor } from "./relations/registry";
import type { CollectionRelation } from "./relations/support/types";
import { exportOpenBatches } from "./run-batch-export";
import { runRelationExport } from "./run-relation-export";
import { startExport } from "./start-export";
import { EXPORT_STATUS } from "./status";

// Jobs are queued into this file's own schema and run here by hand, so each step can be observed.
process.env.FERRY_QUEUE_SCHEMA = "pgboss_exchange_test";
afterAll(() => stopBoss());

const LAST_ATTEMPT = { retryCount: 3, retryLimit: 3 };
const FIRST_ATTEMPT = { retryCount: 0, retryLimit: 3 };

async function groupWithLabels(count: number) {
  const user = await makeUser();
  const group = await createGroup(user, { name: "Exchange", path: unique("exchange") });
  if (count) await getDb().insert(labels).values(Array.from({ length: count }, (_, i) => ({ groupId: group.id, title: `l${i}` })));
  return { user, group, portable: { kind: "group" as const, id: group.id, fullPath: group.fullPath } };
}

const rowsOf = (groupId: number, userId: number) =>
  getDb().select().from(bulkImportExports).where(and(eq(bulkImportExports.groupId, groupId), eq(bulkImportExports.userId, userId)));

/** Runs the queued job of every current run by hand. */
async function runAll(groupId: number, userId: number) {
  for (const row of await rowsOf(groupId, userId)) await runRelationExport(row.id, row.runId, FIRST_ATTEMPT);
  return rowsOf(groupId, userId);
}

async function labelTitles(portable: { kind: "group"; id: number; fullPath: string }, userId: number): Promise<string[]> {
  const found = await findDownload(portable, userId, "labels", null);
  if (!("file" in found)) throw new Error(JSON.stringify(found));
  return gunzipSync(fs.readFileSync(found.file.path))
    .toString("utf8")
    .split("\n")
    .filter(Boolean)
    .map((line) => (JSON.parse(line) as { title: string }).title);
}

describe("relation records of what Ferry made itself", () => {
  it("fill GitLab's fields with GitLab's defaults, in GitLab's key order", async () => {
    const { group } = await groupWithLabels(1);
    const [label] = await getDb().select().from(labels).where(eq(labels.groupId, group.id));
    const record = labelRecord(label!);
    expect(Object.keys(record)).toEqual(["id", "title", "color", "project_id", "created_at", "updated_at", "template", "description", "group_id", "type", "priorities", "textColor"]);
    expect(record).toMatchObject({ title: "l0", color: "#6699cc", project_id: null, template: false, type: "GroupLabel", priorities: [], textColor: "#FFFFFF", group_id: group.id });

    const [milestone] = await getDb().insert(milestones).values({ groupId: group.id, iid: 7, title: "v7", dueDate: "2030-01-02" }).returning();
    expect(Object.keys(milestoneRecord(milestone!))).toEqual(["id", "title", "project_id", "description", "due_date", "created_at", "updated_at", "state", "iid", "start_date", "group_id"]);
    expect(milestoneRecord(milestone!)).toMatchObject({ iid: 7, state: "active", due_date: "2030-01-02", start_date: null });
  });

  it("turn the REST API's level names back into the export's integers and leave secrets out of self", () => {
    const record = groupSelfRecord({
      id: 5, parentId: 4, name: "N", path: "n", fullPath: "p/n", fullName: "P / N", traversalIds: [4, 5], description: "d",
      visibility: "internal", avatarPath: null, createdAt: new Date(), updatedAt: new Date(),
      settings: { project_creation_level: "maintainer", subgroup_creation_level: "owner", runners_token: "secret", owner_id: 1, membership_lock: true, name: "stale" },
    });
    expect(record).toMatchObject({ id: 5, parent_id: 4, name: "N", path: "n", visibility_level: 10, project_creation_level: 1, subgroup_creation_level: 0, membership_lock: true });
    expect(record).not.toHaveProperty("runners_token");
    expect(record).not.toHaveProperty("owner_id");
    expect(record.avatar).toEqual({ url: null });
  });

  it("give this instance's avatar in self, not the source's kept in settings", () => {
    const record = groupSelfRecord({
      id: 6, parentId: null, name: "A", path: "a", fullPath: "a", fullName: "A", traversalIds: [6], description: "",
      visibility: "private", avatarPath: "uploads/-/system/group/avatar/6/logo.png", createdAt: new Date(), updatedAt: new Date(),
      settings: { avatar: { url: "https://source.example/uploads/-/system/group/avatar/99/old.png" } },
    });
    expect(record.avatar).toEqual({ url: "/uploads/-/system/group/avatar/6/logo.png" });
  });
});

describe("starting and restarting exports", () => {
  it("hands out a finished export for three minutes, and starts over after that or when `batched` changes", async () => {
    const { user, group, portable } = await groupWithLabels(2);
    const first = await startExport(portable, user.id, { batched: false });
    // Every relation the registry lists, `self` first; collections are the ones a batched export cuts in batches.
    const all = relationsFor("group").map((relation) => relation.name);
    const collections = relationsFor("group").filter((relation) => relation.kind === "collection").map((relation) => relation.name);
    expect(all.slice(0, 3)).toEqual(["self", "labels", "milestones"]);
    expect(all).toEqual(expect.arrayContaining(["members", "namespace_settings", "uploads"]));
    expect(first).toEqual({ started: all, reused: [] });
    const done = await runAll(group.id, user.id);
    expect(done.every((row) => row.status === EXPORT_STATUS.finished)).toBe(true);

    expect(await startExport(portable, user.id, { batched: false })).toEqual({ started: [], reused: all });
    // Only collections are batched, so only they start over.
    expect(await startExport(portable, user.id, { batched: true })).toEqual({ started: collections, reused: all.filter((name) => !collections.includes(name)) });
    await runAll(group.id, user.id);

    const before = new Map((await rowsOf(group.id, user.id)).map((row) => [row.relation, row]));
    await getDb().update(bulkImportExports).set({ finishedAt: new Date(Date.now() - 4 * 60_000) }).where(eq(bulkImportExports.groupId, group.id));
    await getDb().insert(labels).values({ groupId: group.id, title: "added later" });
    expect((await startExport(portable, user.id, { batched: false })).started).toHaveLength(all.length);
    const restarted = await rowsOf(group.id, user.id);
    for (const row of restarted) {
      expect(row).toMatchObject({ status: EXPORT_STATUS.started, batched: false, filePath: null, batchesCount: 0 });
      expect(row.runId).not.toBe(before.get(row.relation)!.runId);
      // The replaced run's files are gone at once.
      expect(fs.existsSync(path.join(exportsRoot(), runDirectory(row.id, before.get(row.relation)!.runId)))).toBe(false);
    }
    expect(await getDb().select().from(bulkImportExportBatches).where(eq(bulkImportExportBatches.exportId, before.get("labels")!.id))).toEqual([]);
    await runAll(group.id, user.id);
    expect(await labelTitles(portable, user.id)).toEqual(["l0", "l1", "added later"]);
  });

  it("lets the job of a replaced run end without writing anything, even when the restart comes mid-way", async () => {
    const { user, group, portable } = await groupWithLabels(3);
    await startExport(portable, user.id, { batched: true });
    const [old] = (await rowsOf(group.id, user.id)).filter((row) => row.relation === "labels");
    await startExport(portable, user.id, { batched: true, reuseWithinMs: 0 });
    await runRelationExport(old!.id, old!.runId, FIRST_ATTEMPT);
    const [current] = (await rowsOf(group.id, user.id)).filter((row) => row.relation === "labels");
    expect(current).toMatchObject({ status: EXPORT_STATUS.started, batchesCount: 0 });
    expect(await getDb().select().from(bulkImportExportBatches).where(eq(bulkImportExportBatches.exportId, old!.id))).toEqual([]);

    // The restart commits while a batch is being written: the batch's end is refused and its run's files removed.
    await getDb().insert(bulkImportExportBatches).values({ exportId: current!.id, batchNumber: 1, recordIds: [1] });
    await getDb().update(bulkImportExports).set({ runId: "newer" }).where(eq(bulkImportExports.id, current!.id));
    const labelsRelation = (await import("./relations/registry")).findRelation("group", "labels") as CollectionRelation;
    expect(await exportOpenBatches({ exportId: current!.id, runId: current!.runId, portableId: group.id }, labelsRelation, FIRST_ATTEMPT)).toBe(false);
    expect(fs.existsSync(path.join(exportsRoot(), runDirectory(current!.id, current!.runId)))).toBe(false);
    const [batch] = await getDb().select().from(bulkImportExportBatches).where(eq(bulkImportExportBatches.exportId, current!.id));
    expect(batch).toMatchObject({ status: EXPORT_STATUS.started, filePath: null });
  });

  it("fails an export whose job fails on its last attempt, with the error's class only, and retries before that", async () => {
    const { user, group } = await groupWithLabels(0);
    const [row] = await getDb().insert(bulkImportExports).values({ groupId: group.id, userId: user.id, relation: "bogus", runId: "r1" }).returning();
    await expect(runRelationExport(row!.id, "r1", FIRST_ATTEMPT)).rejects.toThrow(/Unsupported portable relation/);
    await runRelationExport(row!.id, "r1", LAST_ATTEMPT);
    const [failed] = await getDb().select().from(bulkImportExports).where(eq(bulkImportExports.id, row!.id));
    expect(failed).toMatchObject({ status: EXPORT_STATUS.failed, error: "Error" });

    // A batch that cannot be written is retried with the job; on the last attempt it fails, and the export with it.
    const broken: CollectionRelation = { kind: "collection", name: "labels", ids: async () => [], records: async () => Promise.reject(new TypeError("boom")) };
    const [batched] = await getDb().insert(bulkImportExports).values({ groupId: group.id, userId: user.id, relation: "labels", runId: "r2", batched: true, batchesCount: 2 }).returning();
    await getDb().insert(bulkImportExportBatches).values([
      { exportId: batched!.id, batchNumber: 1, recordIds: [1] },
      { exportId: batched!.id, batchNumber: 2, recordIds: [2] },
    ]);
    const run = { exportId: batched!.id, runId: "r2", portableId: group.id };
    await expect(exportOpenBatches(run, broken, FIRST_ATTEMPT)).rejects.toThrow("boom");
    expect(await exportOpenBatches(run, broken, LAST_ATTEMPT)).toBe(true);
    const [settled] = await getDb().select().from(bulkImportExports).where(eq(bulkImportExports.id, batched!.id));
    expect(settled).toMatchObject({ status: EXPORT_STATUS.failed, error: "Batch 1 of the export failed" });
    const batches = await getDb().select().from(bulkImportExportBatches).where(eq(bulkImportExportBatches.exportId, batched!.id)).orderBy(bulkImportExportBatches.batchNumber);
    expect(batches.map((b) => [b.status, b.error])).toEqual([
      [EXPORT_STATUS.failed, "TypeError"],
      [EXPORT_STATUS.failed, "TypeError"],
    ]);
  });

  it("sweeps expired files, stuck exports and directories nobody owns", async () => {
    const { user, group, portable } = await groupWithLabels(1);
    await startExport(portable, user.id, { batched: false });
    const rows = await runAll(group.id, user.id);
    const labelsRow = rows.find((row) => row.relation === "labels")!;
    await getDb().update(bulkImportExports).set({ finishedAt: new Date(Date.now() - 25 * 3_600_000) }).where(eq(bulkImportExports.id, labelsRow.id));
    const [stuck] = await getDb()
      .insert(bulkImportExports)
      .values({ groupId: group.id, userId: user.id, relation: "stuck", runId: "s", updatedAt: new Date(Date.now() - 7 * 3_600_000) })
      .returning();
    const orphan = path.join(exportsRoot(), "2147483000", "run");
    const leftover = path.join(exportsRoot(), runDirectory(labelsRow.id, "old-run"));
    for (const dir of [orphan, leftover]) fs.mkdirSync(dir, { recursive: true });

    await pruneExports();
    expect(await findDownload(portable, user.id, "labels", null)).toEqual({ refusal: { status: 404, message: "Export file not found" } });
    expect((await findDownload(portable, user.id, "milestones", null)).hasOwnProperty("file")).toBe(true);
    const [timedOut] = await getDb().select().from(bulkImportExports).where(eq(bulkImportExports.id, stuck!.id));
    expect(timedOut).toMatchObject({ status: EXPORT_STATUS.failed, error: "Export timed out" });
    expect(fs.existsSync(path.dirname(orphan))).toBe(false);
    expect(fs.existsSync(leftover)).toBe(false);
  });
});
