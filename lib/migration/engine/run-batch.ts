import type PgBoss from "pg-boss";
import { and, eq } from "drizzle-orm";
import { bulkImportBatchTrackers, bulkImportTrackers, getDb } from "@/lib/db";
import type { SourceClient } from "@/lib/gitlab";
import { getConfig } from "@/lib/config";
import { logger } from "@/lib/log";
import { enqueue } from "@/lib/jobs";
import { exportRelationName } from "@/lib/relations";
import { pipelineFor, readsItself, type ExportPipeline, type StagedPipeline } from "../pipelines";
import { STATUS, TRACKER_STATUS } from "../status";
import { loadEntity, relationSourceFor, withSourceClient, type LoadedEntity } from "./context";
import { recordFailure } from "../record-failure";
import { cappedFailures } from "../capped-failures";
import { EntityStopped, RecordError } from "../errors";
import { HandOver, loadBatch, type BatchProgress, type BatchTally } from "./load-batch";
import { reportProgress, settleBatchedTracker } from "./end-tracker";
import { isRetryable } from "./retry-policy";
import { watchEntity } from "./watch-entity";

/** What an engine job knows of itself: its retries, and (from pg-boss) when it started and when it would expire. */
export type EngineJob = Pick<PgBoss.JobWithMetadata, "retryCount" | "retryLimit"> & Partial<Pick<PgBoss.JobWithMetadata, "startedOn" | "expireIn">>;

/** When a long file hands over to a next job: at three quarters of this job's time before pg-boss would expire it. */
function handOverTime(job: EngineJob): number {
  const now = Date.now();
  const i = job.expireIn;
  if (!job.startedOn || !i) return now + getConfig().FERRY_IMPORT_JOB_TIMEOUT_SECONDS * 750;
  const seconds = (i.days ?? 0) * 86_400 + (i.hours ?? 0) * 3_600 + (i.minutes ?? 0) * 60 + (i.seconds ?? 0) + (i.milliseconds ?? 0) / 1000;
  return job.startedOn.getTime() + seconds * 750;
}

/** The client, for what only a source instance can answer (pipelinesFor keeps such pipelines out of file imports). */
function sourceOnly(client: SourceClient | null, relation: string): SourceClient {
  if (!client) throw new RecordError(`${relation} cannot be read from an export file`, "BulkImports::Pipeline::NotInArchive");
  return client;
}

interface Prepared {
  /** Null for a file import: no source instance to ask. */
  client: SourceClient | null;
  loaded: LoadedEntity;
  pipeline: StagedPipeline<ExportPipeline>;
}

/**
 * GitLab's PipelineBatchWorker: download one batch (batch 0: the whole unbatched file) and load it. A download that
 * breaks (reset, 5xx) is retried whole; loads are idempotent, so nothing is imported twice. A file that is itself bad
 * (corrupt gzip, past a limit, garbage) fails the batch at once, keeping what it did import. A cancel stops it
 * within a second or two, wherever it is.
 */
export async function runBatch(trackerId: number, batchNumber: number, job: EngineJob, prepared?: Prepared): Promise<void> {
  const db = getDb();
  const [batch] = await db
    .select()
    .from(bulkImportBatchTrackers)
    .where(and(eq(bulkImportBatchTrackers.trackerId, trackerId), eq(bulkImportBatchTrackers.batchNumber, batchNumber)));
  if (!batch) return;
  if (batch.status !== STATUS.created && batch.status !== STATUS.started) {
    // Done by an earlier run of this job that stopped before summing it up (a retry after an error there).
    await settleBatchedTracker(trackerId);
    return;
  }
  const [tracker] = await db.select().from(bulkImportTrackers).where(eq(bulkImportTrackers.id, trackerId));
  if (!tracker || tracker.status !== TRACKER_STATUS.started) {
    await db.update(bulkImportBatchTrackers).set({ status: STATUS.canceled, updatedAt: new Date() }).where(eq(bulkImportBatchTrackers.id, batch.id));
    return;
  }
  const run = async ({ client, loaded, pipeline }: Prepared) => {
    if (loaded.entity.status !== STATUS.started) {
      await db.update(bulkImportBatchTrackers).set({ status: STATUS.canceled, updatedAt: new Date() }).where(eq(bulkImportBatchTrackers.id, batch.id));
      return;
    }
    await db.update(bulkImportBatchTrackers).set({ status: STATUS.started, startedAt: batch.startedAt ?? new Date(), updatedAt: new Date() }).where(eq(bulkImportBatchTrackers.id, batch.id));
    const failures = cappedFailures({ entityId: loaded.entity.id, relation: pipeline.relation, pipelineClass: pipeline.pipelineClass }, batchNumber);
    // A file an earlier run checkpointed goes on after its last loaded line, with the counts as of that line.
    const resumed = batch.checkpointLine > 0;
    const tally: BatchTally = resumed ? { fetched: batch.fetchedObjectsCount, imported: batch.importedObjectsCount } : { fetched: 0, imported: 0 };
    const omittedBefore = resumed ? batch.omittedFailuresCount : 0;
    if (resumed) logger.info({ trackerId, relation: pipeline.relation, afterLine: batch.checkpointLine }, "resuming a checkpointed file");
    const ended = (status: number, counts: BatchTally) =>
      db
        .update(bulkImportBatchTrackers)
        .set({ status, fetchedObjectsCount: counts.fetched, importedObjectsCount: counts.imported, omittedFailuresCount: omittedBefore + failures.omitted, finishedAt: new Date(), updatedAt: new Date() })
        .where(eq(bulkImportBatchTrackers.id, batch.id));
    // Only the one file of an unbatched export is long: it is checkpointed after every chunk and handed over to a
    // next job well before this one's expiry (a batch file of 1,000 records is done in seconds).
    const progress: BatchProgress =
      batchNumber === 0
        ? {
            resumeAfterLine: batch.checkpointLine,
            handOverAt: handOverTime(job),
            checkpoint: async (line) => {
              await db
                .update(bulkImportBatchTrackers)
                .set({ checkpointLine: line, fetchedObjectsCount: tally.fetched, importedObjectsCount: tally.imported, omittedFailuresCount: omittedBefore + failures.omitted, updatedAt: new Date() })
                .where(eq(bulkImportBatchTrackers.id, batch.id));
              // The pages show the file's progress, and the nudge and stale sweep see the import moving.
              await reportProgress(trackerId, loaded.entity.id);
            },
          }
        : { resumeAfterLine: 0 };
    let stopWatching = () => undefined as void;
    try {
      const download =
        pipeline.kind === "ndjson" && pipeline.read && readsItself(pipeline, loaded.context)
          ? { body: pipeline.read({ entity: loaded.context, client: sourceOnly(client, pipeline.relation) }) }
          : await relationSourceFor(loaded, client).download(exportRelationName(loaded.context.portable, pipeline.relation), batchNumber, {
              maxBytes: getConfig().FERRY_IMPORT_MAX_DOWNLOAD_MB * 1024 * 1024,
            });
      stopWatching = watchEntity(loaded.entity.id, (status) => download.body.destroy(new EntityStopped(status)));
      const counts =
        pipeline.kind === "file"
          ? await pipeline.load({
              entity: loaded.context,
              body: download.body,
              batchNumber,
              fail: ({ error, position, title }) => failures.record({ pipelineStep: "extractor", error, sourceTitle: title, lineNumber: position }),
            })
          : (await loadBatch(pipeline, loaded.context, download.body, batchNumber, client, failures, tally, progress), tally);
      await ended(STATUS.finished, counts);
      if (batchNumber === 0 && tracker.sourceObjectsCount === null) {
        // Older sources do not count an unbatched export: every line of the file is what the source had.
        await db.update(bulkImportTrackers).set({ sourceObjectsCount: counts.fetched }).where(eq(bulkImportTrackers.id, trackerId));
      }
    } catch (error) {
      if (error instanceof HandOver) {
        // Checkpointed: the next job downloads the file again and goes on after the last loaded line.
        await enqueue("import.batch", { trackerId, batchNumber });
        return;
      }
      if (error instanceof EntityStopped) {
        // The import was canceled or timed out: what this batch loaded stays counted, nothing failed.
        await ended(STATUS.canceled, tally);
        return;
      }
      if (isRetryable(error) && job.retryCount < job.retryLimit) throw error;
      await recordFailure({ entityId: loaded.entity.id, relation: pipeline.relation, pipelineClass: pipeline.pipelineClass, pipelineStep: "pipeline_batch_worker_run", error, batchNumber });
      await ended(STATUS.failed, tally);
    } finally {
      stopWatching();
    }
    await settleBatchedTracker(trackerId);
  };
  if (prepared) return run(prepared);
  const loaded = await loadEntity(tracker.entityId);
  const pipeline = loaded && pipelineFor(loaded.context.portable, tracker.relation);
  if (!loaded || !pipeline || pipeline.kind === "rest") return;
  await withSourceClient(loaded.bulkImport, (client) => run({ client, loaded, pipeline }));
}
