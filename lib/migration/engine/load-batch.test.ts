import { Readable } from "node:stream";
import zlib from "node:zlib";
import { eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { bulkImportFailures, getDb, labels } from "@/lib/db";
import type { SourceClient } from "@/lib/gitlab";
import { importEntityFixture } from "@/test/helpers/import-entity";
import { cappedFailures } from "../capped-failures";
import { pipelineFor, type ExportPipeline, type NdjsonPipeline, type StagedPipeline } from "../pipelines";
import { loadBatch } from "./load-batch";

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
});
