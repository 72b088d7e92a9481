import { Readable } from "node:stream";
import zlib from "node:zlib";
import { eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { bulkImportFailures, getDb, labels } from "@/lib/db";
import type { SourceClient } from "@/lib/gitlab";
import { importEntityFixture } from "@/test/helpers/import-entity";
import { cappedFailures } from "../capped-failures";
import { pipelineFor, type ExportPipeline, type NdjsonPipeline, type StagedPipeline } from "../pipelines";
import { HandOver, loadBatch } from "./load-batch";

describe("loading a batch", () => {
  it("loads a thousand records in one piece, and finds the bad ones among them by halves", async () => {
    const entity = await importEntityFixture();
    const pipeline = pipelineFor("group", "labels") as StagedPipeline<ExportPipeline> as StagedPipeline<NdjsonPipeline>;
    // Lines 300 and 700 repeat an earlier title under another id: the database refuses them, and only them.
    const records = Array.from({ length: 1000 }, (_, i) => ({ id: 10_000 + i, title: i === 299 ? "label 1" : i === 699 ? "label 2" : `label ${i}`, color: "#aabbcc", type: "GroupLabel" }));
    const body = Readable.from([zlib.gzipSync(records.map((r) => JSON.stringify(r)).join("\n"))]);
    const failures = cappedFailures({ entityId: entity.entityId, relation: "labels", pipelineClass: pipeline.pipelineClass }, 1);
    const tally = { fetched: 0, imported: 0 };
    await loadBatch(pipeline, entity, body, 1, undefined as unknown as SourceClient, failures, tally);
    expect(tally).toEqual({ fetched: 1000, imported: 998 });
    const [count] = await getDb().select({ n: sql<number>`count(*)::int` }).from(labels).where(eq(labels.groupId, entity.groupId!));
    expect(count!.n).toBe(998);
    const failed = await getDb().select().from(bulkImportFailures).where(eq(bulkImportFailures.entityId, entity.entityId));
    expect(failed.map((f) => [f.pipelineStep, f.lineNumber]).sort()).toEqual([
      ["loader", 300],
      ["loader", 700],
    ]);
  });

  it("resumes a file after its checkpoint without loading the lines before it, checkpoints each chunk, and hands over when its time is up", async () => {
    const entity = await importEntityFixture();
    const pipeline = pipelineFor("group", "labels") as StagedPipeline<ExportPipeline> as StagedPipeline<NdjsonPipeline>;
    const file = () => Readable.from([zlib.gzipSync(Array.from({ length: 2500 }, (_, i) => JSON.stringify({ id: 20_000 + i, title: `label ${i}`, color: "#aabbcc" })).join("\n"))]);
    const failures = cappedFailures({ entityId: entity.entityId, relation: "labels", pipelineClass: pipeline.pipelineClass }, 0);
    const stored = async () => (await getDb().select({ n: sql<number>`count(*)::int` }).from(labels).where(eq(labels.groupId, entity.groupId!)))[0]!.n;

    // A first run whose time is up at once: one chunk, checkpointed, then it hands over.
    const checkpoints: number[] = [];
    const first = { fetched: 0, imported: 0 };
    const handedOver = await loadBatch(pipeline, entity, file(), 0, undefined as unknown as SourceClient, failures, first, {
      resumeAfterLine: 0,
      handOverAt: 0,
      checkpoint: async (line) => void checkpoints.push(line),
    }).catch((error: unknown) => error);
    expect(handedOver).toBeInstanceOf(HandOver);
    expect(checkpoints).toEqual([1000]);
    expect(first).toEqual({ fetched: 1000, imported: 1000 });
    expect(await stored()).toBe(1000);

    // Lines up to 1,500 count as loaded (the tally says so): the next run loads only what comes after them.
    const next = { fetched: 1500, imported: 1500 };
    await loadBatch(pipeline, entity, file(), 0, undefined as unknown as SourceClient, failures, next, { resumeAfterLine: 1500, checkpoint: async (line) => void checkpoints.push(line) });
    expect(next).toEqual({ fetched: 2500, imported: 2500 });
    expect(checkpoints).toEqual([1000, 2500]);
    // Lines 1,001 to 1,500 were never loaded, by either run: the resumed one passed over them.
    expect(await stored()).toBe(2000);
  });

  it("makes a chunk of 16 MB when records are large, not of 1,000 records, so a job's memory stays bounded", async () => {
    const entity = await importEntityFixture();
    const pipeline = pipelineFor("group", "labels") as StagedPipeline<ExportPipeline> as StagedPipeline<NdjsonPipeline>;
    // 40 labels of 1 MB each: three chunks (16 + 16 + 8), each checkpointed after it is loaded.
    const description = "d".repeat(1024 * 1024);
    const body = Readable.from([zlib.gzipSync(Array.from({ length: 40 }, (_, i) => JSON.stringify({ id: 30_000 + i, title: `big ${i}`, color: "#aabbcc", description })).join("\n"))]);
    const failures = cappedFailures({ entityId: entity.entityId, relation: "labels", pipelineClass: pipeline.pipelineClass }, 0);
    const checkpoints: number[] = [];
    const tally = { fetched: 0, imported: 0 };
    await loadBatch(pipeline, entity, body, 0, undefined as unknown as SourceClient, failures, tally, { resumeAfterLine: 0, checkpoint: async (line) => void checkpoints.push(line) });
    expect(tally).toEqual({ fetched: 40, imported: 40 });
    expect(checkpoints).toEqual([16, 32, 40]);
  });
});
