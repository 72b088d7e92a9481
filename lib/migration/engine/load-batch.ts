import type { Readable } from "node:stream";
import { getConfig } from "@/lib/config";
import { getDb } from "@/lib/db";
import { readNdjson, type SourceClient } from "@/lib/gitlab";
import { RecordError } from "../errors";
import type { EntityContext, NdjsonPipeline, StagedPipeline } from "../pipelines";
import { recordFailure } from "../record-failure";

const CHUNK = 500;

interface Pending {
  row: unknown;
  line: number;
  record: Record<string, unknown>;
}

/** The source record's own id when it has one (stable however the export is batched), else its place in the file. */
function importKeyOf(record: Record<string, unknown>, batchNumber: number, line: number): string {
  return typeof record.id === "number" || typeof record.id === "string" ? `id:${record.id}` : `line:${batchNumber}:${line}`;
}

/**
 * Streams one downloaded batch (or the whole file when not batched) through a pipeline: parse line by line,
 * transform, load in chunks inside transactions. A record that cannot be parsed, transformed or loaded becomes one
 * failure and the rest go on. Returns absolute counts for the batch, so replaying it gives the same numbers.
 */
export async function loadBatch(
  pipeline: StagedPipeline<NdjsonPipeline>,
  entity: EntityContext,
  body: Readable,
  batchNumber: number,
  client: SourceClient,
): Promise<{ fetched: number; imported: number }> {
  const config = getConfig();
  const db = getDb();
  let fetched = 0;
  let imported = 0;
  let chunk: Pending[] = [];

  const fail = (step: "extractor" | "transformer" | "loader", error: unknown, line: number, record?: Record<string, unknown>) =>
    recordFailure({
      entityId: entity.entityId,
      relation: pipeline.relation,
      pipelineClass: pipeline.pipelineClass,
      pipelineStep: step,
      error,
      sourceTitle: record ? pipeline.titleOf?.(record) : undefined,
      sourceUrl: record ? pipeline.sourceUrlOf?.(record, entity) : undefined,
      batchNumber,
      lineNumber: line,
    });

  const flush = async () => {
    if (chunk.length === 0) return;
    const pending = chunk;
    chunk = [];
    // Outside the transactions: an error here (the source failing) fails the batch, which is retried whole.
    await pipeline.prepare?.(pending.map((p) => p.row), { entity, client });
    try {
      await db.transaction((tx) => pipeline.load(tx, pending.map((p) => p.row), entity));
      imported += pending.length;
    } catch {
      // Something in the chunk was refused: load one by one to find it, so only the bad records fail.
      for (const item of pending) {
        try {
          await db.transaction((tx) => pipeline.load(tx, [item.row], entity));
          imported += 1;
        } catch (error) {
          await fail("loader", error, item.line, item.record);
        }
      }
    }
  };

  for await (const item of readNdjson<Record<string, unknown>>(body, {
    maxBytes: config.FERRY_IMPORT_MAX_DOWNLOAD_MB * 1024 * 1024,
    maxLineBytes: config.FERRY_IMPORT_MAX_LINE_MB * 1024 * 1024,
  })) {
    fetched += 1;
    if (item.error !== undefined) {
      await fail("extractor", new RecordError(`line ${item.line} is not valid JSON`, "JSON::ParserError"), item.line);
      continue;
    }
    const record = item.record;
    if (!record || typeof record !== "object" || Array.isArray(record)) {
      await fail("extractor", new RecordError(`line ${item.line} is not a JSON object`, "JSON::ParserError"), item.line);
      continue;
    }
    try {
      chunk.push({ row: pipeline.transform(record, entity, importKeyOf(record, batchNumber, item.line)), line: item.line, record });
    } catch (error) {
      await fail("transformer", error, item.line, record);
    }
    if (chunk.length >= CHUNK) await flush();
  }
  await flush();
  return { fetched, imported };
}
