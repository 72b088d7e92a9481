import type PgBoss from "pg-boss";
import { and, eq, inArray, sql } from "drizzle-orm";
import { appSettings, bulkImportBatchTrackers, bulkImportEntities, bulkImports, bulkImportTrackers, getDb, preparedQuery, users } from "@/lib/db";
import { sourcePolicyOf } from "@/lib/settings";
import type { SourceClient } from "@/lib/gitlab";
import { getConfig } from "@/lib/config";
import { logger } from "@/lib/log";
import { enqueue } from "@/lib/jobs";
import { exportRelationName } from "@/lib/relations";
import { pipelineFor, readsItself, type ExportPipeline, type StagedPipeline } from "../pipelines";
import { STATUS, TRACKER_STATUS } from "../status";
import { loadedEntityOf, relationSourceFor, withSourceClient, type LoadedEntity } from "./context";
import { recordFailure } from "../record-failure";
import { cappedFailures } from "../capped-failures";
import { EntityStopped, RecordError } from "../errors";
import { HandOver, loadBatch, type BatchProgress, type BatchTally } from "./load-batch";
import { reportProgress, settleBatchedTracker } from "./end-tracker";
import { isRetryable } from "./retry-policy";
import { watchEntity } from "./watch-entity";
import { downloadAhead } from "./download-ahead";
import { withLoadSlot } from "./load-slots";

// What a batch job holds of its file while it waits for a load slot: a batch of 1,000 records is well under it.
const DOWNLOAD_AHEAD_BYTES = 4 * 1024 * 1024;

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
 * A batch job's batches, one after another (run-pipeline groups them). A retried job claims each again: those an
 * earlier run ended are passed over (notClaimed sums their relation up), so it goes on from the batch that failed.
 */
export async function runBatches(trackerId: number, batchNumbers: readonly number[], job: EngineJob): Promise<void> {
  const handOverAt = handOverTime(job);
  for (const [index, batchNumber] of batchNumbers.entries()) {
    // Slow batches (a slow source, records of megabytes) never carry the job past its expiry: a next job takes the rest.
    if (index > 0 && Date.now() > handOverAt) return void (await enqueue("import.batch", { trackerId, batchNumbers: batchNumbers.slice(index) }));
    await runBatch(trackerId, batchNumber, job);
  }
}

/**
 * GitLab's PipelineBatchWorker: download one batch (batch 0: the whole unbatched file) and load it. A download that
 * breaks (reset, 5xx) is retried whole; loads are idempotent, so nothing is imported twice. A file that is itself bad
 * (corrupt gzip, past a limit, garbage) fails the batch at once, keeping what it did import. A cancel stops it
 * within a second or two, wherever it is.
 */
export async function runBatch(trackerId: number, batchNumber: number, job: EngineJob, prepared?: Prepared): Promise<void> {
  const db = getDb();
  const claimed = await claimBatch(trackerId, batchNumber);
  if (!claimed) return notClaimed(trackerId, batchNumber);
  const { batch, tracker } = claimed;
  const run = async ({ client, loaded, pipeline }: Prepared) => {
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
              await reportProgress(trackerId, { userId: loaded.context.userId, bulkImportId: loaded.context.bulkImportId, entityId: loaded.entity.id });
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
      let body = download.body;
      stopWatching = watchEntity(loaded.entity.id, (status) => {
        const stopped = new EntityStopped(status);
        download.body.destroy(stopped);
        body.destroy(stopped);
      });
      let counts: BatchTally;
      if (pipeline.kind === "file") {
        counts = await pipeline.load({
          entity: loaded.context,
          body: download.body,
          batchNumber,
          fail: ({ error, position, title }) => failures.record({ pipelineStep: "extractor", error, sourceTitle: title, lineNumber: position }),
        });
      } else if (batchNumber > 0) {
        // A batch file is read ahead while the job waits for a load slot, then parsed and loaded in it.
        body = await downloadAhead(download.body, DOWNLOAD_AHEAD_BYTES);
        await withLoadSlot(() => loadBatch(pipeline, loaded.context, body, batchNumber, client, failures, tally, progress));
        counts = tally;
      } else {
        // The one long file of an unbatched export streams through, its download and its loads overlapping.
        await loadBatch(pipeline, loaded.context, body, batchNumber, client, failures, tally, progress);
        counts = tally;
      }
      await ended(STATUS.finished, counts);
      if (batchNumber === 0 && tracker.sourceObjectsCount === null) {
        // Older sources do not count an unbatched export: every line of the file is what the source had.
        await db.update(bulkImportTrackers).set({ sourceObjectsCount: counts.fetched }).where(eq(bulkImportTrackers.id, trackerId));
      }
    } catch (error) {
      if (error instanceof HandOver) {
        // Checkpointed: the next job downloads the file again and goes on after the last loaded line.
        await enqueue("import.batch", { trackerId, batchNumbers: [batchNumber] });
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
  const { loaded, policy } = claimed;
  const pipeline = pipelineFor(loaded.context.portable, tracker.relation);
  if (!pipeline || pipeline.kind === "rest") return;
  await withSourceClient(loaded.bulkImport, (client) => run({ client, loaded, pipeline }), policy);
}

/**
 * Marks the batch started and reads what running it needs (its tracker, entity, import, the importing user and the
 * source URL policy) in one statement: it runs for every batch of every relation. Nothing when the batch has ended or
 * its tracker or entity is not running any more; notClaimed then says which.
 */
async function claimBatch(trackerId: number, batchNumber: number) {
  const [row] = await claimStatement().execute({ trackerId, batchNumber });
  if (!row) return undefined;
  return { batch: row.batch, tracker: row.tracker, loaded: loadedEntityOf(row), policy: sourcePolicyOf(row) };
}

const claimStatement = preparedQuery((db) => {
  const batches = bulkImportBatchTrackers;
  return db
    .update(batches)
    .set({ status: STATUS.started, startedAt: sql`coalesce(${batches.startedAt}, now())`, updatedAt: sql`now()` })
    .from(bulkImportTrackers)
    .innerJoin(bulkImportEntities, eq(bulkImportEntities.id, bulkImportTrackers.entityId))
    .innerJoin(bulkImports, eq(bulkImports.id, bulkImportEntities.bulkImportId))
    .innerJoin(users, eq(users.id, bulkImports.userId))
    .leftJoin(appSettings, eq(appSettings.id, 1))
    .where(
      and(
        eq(batches.trackerId, sql.placeholder("trackerId")),
        eq(batches.batchNumber, sql.placeholder("batchNumber")),
        inArray(batches.status, [STATUS.created, STATUS.started]),
        eq(bulkImportTrackers.id, batches.trackerId),
        eq(bulkImportTrackers.status, TRACKER_STATUS.started),
        eq(bulkImportEntities.status, STATUS.started),
      ),
    )
    .returning({
      batch: batches,
      tracker: bulkImportTrackers,
      entity: bulkImportEntities,
      bulkImport: bulkImports,
      isAdmin: users.isAdmin,
      allowLocalSources: appSettings.allowLocalSources,
      allowInsecureSources: appSettings.allowInsecureSources,
    })
    .prepare("ferry_claim_batch");
});

/**
 * A batch that could not be claimed: done by an earlier run of its job that stopped before summing it up (a retry
 * after an error there), or left behind by a tracker or entity that stopped running (canceled, timed out, failed).
 */
async function notClaimed(trackerId: number, batchNumber: number): Promise<void> {
  const db = getDb();
  const batches = bulkImportBatchTrackers;
  const [row] = await db
    .select({ id: batches.id, status: batches.status, trackerStatus: bulkImportTrackers.status, entityStatus: bulkImportEntities.status })
    .from(batches)
    .innerJoin(bulkImportTrackers, eq(bulkImportTrackers.id, batches.trackerId))
    .innerJoin(bulkImportEntities, eq(bulkImportEntities.id, bulkImportTrackers.entityId))
    .where(and(eq(batches.trackerId, trackerId), eq(batches.batchNumber, batchNumber)));
  if (!row) return;
  if (row.status !== STATUS.created && row.status !== STATUS.started) return settleBatchedTracker(trackerId);
  if (row.trackerStatus !== TRACKER_STATUS.started || row.entityStatus !== STATUS.started) {
    await db.update(batches).set({ status: STATUS.canceled, updatedAt: new Date() }).where(eq(batches.id, row.id));
    return;
  }
  // Everything is running after all: the state moved between the two reads. The job is tried again.
  throw new Error(`batch ${batchNumber} of tracker ${trackerId} could not be claimed`);
}
