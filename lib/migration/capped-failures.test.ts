import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { bulkImportFailures, getDb } from "@/lib/db";
import { importEntityFixture } from "@/test/helpers/import-entity";
import { cappedFailures } from "./capped-failures";
import { RecordError } from "./errors";

const bad = (lineNumber: number) => ({ pipelineStep: "extractor" as const, error: new RecordError(`line ${lineNumber} is not valid JSON`, "JSON::ParserError"), lineNumber });

describe("capped failure rows", () => {
  it("stores failures up to the cap, counts the rest, and counts a replayed batch's the same", async () => {
    const { entityId } = await importEntityFixture();
    const base = { entityId, relation: "labels", pipelineClass: "BulkImports::Common::Pipelines::LabelsPipeline" };
    const first = cappedFailures(base, 1, 3);
    for (const line of [1, 2, 3, 4, 5]) await first.record(bad(line));
    expect(first.omitted).toBe(2);
    const rows = () => getDb().select({ line: bulkImportFailures.lineNumber }).from(bulkImportFailures).where(eq(bulkImportFailures.entityId, entityId));
    expect((await rows()).map((r) => r.line).sort()).toEqual([1, 2, 3]);

    // The same batch again (a retried job): the stored three are not counted twice, the two others are counted again.
    const replay = cappedFailures(base, 1, 3);
    for (const line of [1, 2, 3, 4, 5]) await replay.record(bad(line));
    expect(replay.omitted).toBe(2);
    expect(await rows()).toHaveLength(3);

    // Concurrent batches of the same relation never pass the cap together.
    const batches = [2, 3, 4].map((n) => cappedFailures(base, n, 3));
    await Promise.all(
      batches.map(async (batch) => {
        for (const line of [1, 2, 3]) await batch.record(bad(line));
      }),
    );
    expect(await rows()).toHaveLength(3);
    expect(batches.reduce((sum, b) => sum + b.omitted, 0)).toBe(9);
  });
});
