import type { Readable } from "node:stream";
import { getConfig } from "@/lib/config";
import { getDb } from "@/lib/db";
import { readNdjson, type SourceClient } from "@/lib/gitlab";
import { RecordError } from "../errors";
import { withoutExistingIids, type EntityContext, type NdjsonPipeline, type StagedPipeline } from "../pipelines";
import type { FailureRecorder } from "../capped-failures";
import { readAhead } from "./read-ahead";

// A batch file holds 1,000 records: one chunk, one transaction, one statement per table. Records of megabytes (long
// descriptions, diffs) make a chunk of its bytes instead, so what a job holds stays bounded whatever the records.
const CHUNK = 1000;
const CHUNK_BYTES = 16 * 1024 * 1024;
const READ_AHEAD_BYTES = 16 * 1024 * 1024;

interface Pending {
  row: unknown;
  line: number;
  record: Record<string, unknown>;
}

/** The source record's own id when it has one (stable however the export is batched), else its place in the file. */
function importKeyOf(record: Record<string, unknown>, batchNumber: number, line: number): string {
  return typeof record.id === "number" || typeof record.id === "string" ? `id:${record.id}` : `line:${batchNumber}:${line}`;
}

/** What a batch got through so far: kept by the caller, so that a batch that fails half-way still reports it. */
export interface BatchTally {
  fetched: number;
  imported: number;
}

/** Where a long file stands: its last loaded line, saved after each chunk; and when the job must hand over. */
export interface BatchProgress {
  /** Lines up to this one were loaded by an earlier run: passed over, their counts already in the tally. */
  resumeAfterLine: number;
  /** Called once a chunk is loaded, with the file's last line in it. */
  checkpoint?: (line: number) => Promise<void>;
  /** Past this time (ms since epoch), the load stops after a chunk with `HandOver`, for a next job to go on. */
  handOverAt?: number;
}

/** Thrown when a job's time is up: the file stands checkpointed and the next job resumes it. */
export class HandOver extends Error {
  constructor(public readonly line: number) {
    super(`handed over after line ${line}`);
  }
}

/**
 * Streams one downloaded batch (or the whole file when not batched) through a pipeline: parse line by line,
 * transform, load in chunks inside transactions. A record that cannot be parsed, transformed or loaded becomes one
 * failure and the rest go on, until too many in a row say the file is garbage. Counts go into `tally` as absolute
 * numbers for the batch, so replaying it gives the same numbers.
 */
export async function loadBatch(
  pipeline: StagedPipeline<NdjsonPipeline>,
  entity: EntityContext,
  body: Readable,
  batchNumber: number,
  client: SourceClient | null,
  failures: FailureRecorder,
  tally: BatchTally,
  progress: BatchProgress = { resumeAfterLine: 0 },
): Promise<void> {
  const config = getConfig();
  const db = getDb();
  const maxBadRun = config.FERRY_IMPORT_MAX_CONSECUTIVE_BAD_LINES;
  let badRun = 0;
  let chunk: Pending[] = [];
  let chunkBytes = 0;

  const fail = async (step: "extractor" | "transformer" | "loader", error: unknown, line: number, record?: Record<string, unknown>) => {
    await failures.record({
      pipelineStep: step,
      error,
      sourceTitle: record ? pipeline.titleOf?.(record) : undefined,
      sourceUrl: record ? pipeline.sourceUrlOf?.(record, entity) : undefined,
      lineNumber: line,
    });
    // A file of garbage (a flood of invalid lines) is given up, not read to its end one failure at a time.
    if (++badRun > maxBadRun) throw new RecordError(`Gave up after ${maxBadRun} bad records in a row (line ${line}).`, "BulkImports::Pipeline::TooManyBadRecords");
  };

  /**
   * Loads records in one transaction; if anything in them is refused, in halves, down to the one bad record that
   * becomes a failure: a bad record among a thousand costs about twenty statements, not a thousand.
   */
  const loadPieces = async (pending: Pending[]): Promise<void> => {
    try {
      tally.imported += await db.transaction(async (tx) => {
        // A relation import leaves out what the project has already: read, not imported.
        const kept = await withoutExistingIids(tx, pipeline, entity, pending, (p) => p.row);
        if (kept.length > 0) await pipeline.load(tx, kept.map((p) => p.row), entity);
        return kept.length;
      });
      badRun = 0;
    } catch (error) {
      if (pending.length === 1) return fail("loader", error, pending[0]!.line, pending[0]!.record);
      const half = Math.ceil(pending.length / 2);
      await loadPieces(pending.slice(0, half));
      await loadPieces(pending.slice(half));
    }
  };

  // The last line read: a chunk loaded up to it is a checkpoint (bad lines in between are recorded already).
  let lastLine = progress.resumeAfterLine;
  const flush = async (last = false) => {
    if (chunk.length > 0) {
      const pending = chunk;
      chunk = [];
      chunkBytes = 0;
      // Outside the transactions: an error here (the source failing) fails the batch, which is retried whole.
      // A file import has no source to ask about users: they map by what the records say, or to placeholders.
      if (client) await pipeline.prepare?.(pending.map((p) => p.row), { entity, client });
      await loadPieces(pending);
    }
    await progress.checkpoint?.(lastLine);
    if (!last && progress.handOverAt !== undefined && Date.now() > progress.handOverAt) throw new HandOver(lastLine);
  };

  const lines = readNdjson<Record<string, unknown>>(body, {
    maxBytes: config.FERRY_IMPORT_MAX_DOWNLOAD_MB * 1024 * 1024,
    maxLineBytes: config.FERRY_IMPORT_MAX_LINE_MB * 1024 * 1024,
    maxBusyMs: config.FERRY_IMPORT_MAX_PARSE_SECONDS * 1000,
    maxBlankLines: maxBadRun,
    skipLines: progress.resumeAfterLine,
  });
  // The next chunk downloads and parses while this one loads: at most a chunk's worth, and at most READ_AHEAD_BYTES.
  const ahead = readAhead(lines, { maxItems: CHUNK, maxBytes: READ_AHEAD_BYTES, sizeOf: (item) => item.size, stop: () => body.destroy() });
  for await (const item of ahead) {
    lastLine = item.line;
    tally.fetched += 1;
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
      chunkBytes += item.size;
      badRun = 0;
    } catch (error) {
      await fail("transformer", error, item.line, record);
    }
    if (chunk.length >= CHUNK || chunkBytes >= CHUNK_BYTES) await flush();
  }
  // The file's end: nothing is left to hand over.
  if (chunk.length > 0) await flush(true);
}
