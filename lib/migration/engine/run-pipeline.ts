import { and, eq, inArray } from "drizzle-orm";
import { bulkImportBatchTrackers, bulkImportTrackers, getDb } from "@/lib/db";
import type { SourceClient } from "@/lib/gitlab";
import { enqueue, enqueueMany } from "@/lib/jobs";
import { RecordError } from "../errors";
import { exportRelationName } from "@/lib/relations";
import { pipelineFor, readsItself, type ExportPipeline, type RestPipeline, type StagedPipeline } from "../pipelines";
import { STATUS, TRACKER_STATUS } from "../status";
import { advanceEntity } from "./advance-entity";
import { loadEntity, relationSourceFor, withSourceClient, type LoadedEntity } from "./context";
import { isMissingRelation, sourceLacksExport } from "./export-missing";
import { recordFailure } from "../record-failure";
import { isRetryable } from "./retry-policy";
import { runBatch, type EngineJob as Job } from "./run-batch";
import { endTracker, settleBatchedTracker } from "./end-tracker";
import { updateTracker } from "./progress";

type Tracker = typeof bulkImportTrackers.$inferSelect;

// Export not ready yet: ask again soon, then less and less often (never a fixed interval hammering the source).
const INLINE_POLLS_MS = [150, 300, 600, 1200];
const requeueDelaySeconds = (poll: number) => Math.min(2 ** poll, 30);
// GitLab gives up on an export whose status stays empty this long.
const EMPTY_STATUS_TIMEOUT_MS = 5 * 60_000;

// A batch job runs up to this many batch files one after another. The queue's own work per job (pg-boss's fetch and
// complete, the job's lease) cost 2.4 ms of PostgreSQL time, twice what loading a batch of 1,000 records costs beside
// its COPY; four to a job divide it by four. Not more: a relation of few batches still spreads over the workers' loops.
const BATCHES_PER_JOB = 4;
const JOBS_AT_LEAST = 8;

/** The batch numbers as jobs: consecutive runs of at most BATCHES_PER_JOB, and at least JOBS_AT_LEAST jobs when there are that many batches. */
export function jobsOf(batchNumbers: readonly number[]): number[][] {
  const size = Math.max(1, Math.min(BATCHES_PER_JOB, Math.floor(batchNumbers.length / JOBS_AT_LEAST)));
  const jobs: number[][] = [];
  for (let at = 0; at < batchNumbers.length; at += size) jobs.push(batchNumbers.slice(at, at + size));
  return jobs;
}

/** GitLab's PipelineWorker: run one relation of one entity, or hand its batches to batch jobs. */
export async function runPipeline(trackerId: number, poll: number, job: Job): Promise<void> {
  const [tracker] = await getDb().select().from(bulkImportTrackers).where(eq(bulkImportTrackers.id, trackerId));
  if (!tracker) return;
  // A retried job whose tracker an earlier run ended, crashing before it moved the entity on, moves it on now.
  if (tracker.status !== TRACKER_STATUS.enqueued && tracker.status !== TRACKER_STATUS.started) return advanceEntity(tracker.entityId);
  const loaded = await loadEntity(tracker.entityId);
  if (!loaded) return;
  if (loaded.entity.status !== STATUS.started) {
    const status = loaded.entity.status === STATUS.canceled ? TRACKER_STATUS.canceled : loaded.entity.status === STATUS.timeout ? TRACKER_STATUS.timeout : TRACKER_STATUS.skipped;
    return endTracker(trackerId, status);
  }
  const pipeline = pipelineFor(loaded.context.portable, tracker.relation);
  if (!pipeline) {
    await recordFailure({ entityId: tracker.entityId, relation: tracker.relation, pipelineClass: tracker.relation, pipelineStep: "pipeline_worker_run", error: new Error(`unknown pipeline ${tracker.relation}`) });
    return endTracker(trackerId, TRACKER_STATUS.failed);
  }
  try {
    await withSourceClient(loaded.bulkImport, (client) =>
      pipeline.kind === "rest" ? runRest(pipeline, tracker, loaded, client) : runNdjson(pipeline, tracker, loaded, client, poll, job),
    );
  } catch (error) {
    if (isRetryable(error) && job.retryCount < job.retryLimit) throw error;
    await recordFailure({ entityId: tracker.entityId, relation: pipeline.relation, pipelineClass: pipeline.pipelineClass, pipelineStep: "pipeline_worker_run", error });
    // A pipeline that aborts its entity on failure fails it in the step that follows (advanceEntity).
    await endTracker(trackerId, TRACKER_STATUS.failed);
  }
}

async function runRest(pipeline: StagedPipeline<RestPipeline>, tracker: Tracker, loaded: LoadedEntity, client: SourceClient | null): Promise<void> {
  await updateTracker(tracker.id, { status: TRACKER_STATUS.started, startedAt: tracker.startedAt ?? new Date() });
  const result = client
    ? await pipeline.run({ entity: loaded.context, client, db: getDb() })
    : await runFromArchive(pipeline, loaded);
  const counts = { sourceObjectsCount: result.source, fetchedObjectsCount: result.fetched, importedObjectsCount: result.imported };
  // New child entities may have been found (subgroups): the import starts them. Asked before the tracker ends, so
  // that a crash in between costs a repeated run of this job, never an entity that nothing starts.
  if (pipeline.addsEntities) await enqueue("import.process", { bulkImportId: loaded.bulkImport.id }, { singletonKey: String(loaded.bulkImport.id) });
  await endTracker(tracker.id, result.skipped ? TRACKER_STATUS.skipped : TRACKER_STATUS.finished, { ...counts, message: result.skipped ?? null });
}

function runFromArchive(pipeline: StagedPipeline<RestPipeline>, loaded: LoadedEntity) {
  if (!pipeline.fromArchive) throw new RecordError(`${pipeline.relation} cannot be read from an export file`, "BulkImports::Pipeline::NotInArchive");
  return pipeline.fromArchive({ entity: loaded.context, db: getDb() });
}

/** Records the pipeline reads itself (GraphQL) rather than from the export: one unbatched file, batch 0, with no export to wait for. */
async function runRead(pipeline: StagedPipeline<ExportPipeline>, tracker: Tracker, loaded: LoadedEntity, client: SourceClient | null, job: Job): Promise<void> {
  await updateTracker(tracker.id, { status: TRACKER_STATUS.started, batched: false, startedAt: tracker.startedAt ?? new Date() });
  await getDb().insert(bulkImportBatchTrackers).values({ trackerId: tracker.id, batchNumber: 0 }).onConflictDoNothing();
  await runBatch(tracker.id, 0, job, { client, loaded, pipeline });
}

async function runNdjson(pipeline: StagedPipeline<ExportPipeline>, tracker: Tracker, loaded: LoadedEntity, client: SourceClient | null, poll: number, job: Job): Promise<void> {
  if (readsItself(pipeline, loaded.context)) return runRead(pipeline, tracker, loaded, client, job);
  const source = relationSourceFor(loaded, client);
  const relation = exportRelationName(loaded.context.portable, pipeline.relation);
  let status = await source.status(relation);
  for (const wait of INLINE_POLLS_MS) {
    if (status && (status.status === "finished" || status.status === "failed")) break;
    await new Promise((r) => setTimeout(r, wait));
    status = await source.status(relation);
  }
  if (!status || status.status === "pending" || status.status === "started") {
    // A file relation is optional: a source that does not export it (uploads before GitLab had them) has no files.
    if (!status && pipeline.kind === "file" && (await sourceLacksExport(source, relation, Date.now() - tracker.createdAt.getTime()))) {
      return endTracker(tracker.id, TRACKER_STATUS.skipped, { message: pipeline.notExported });
    }
    if (!status && Date.now() - tracker.createdAt.getTime() > EMPTY_STATUS_TIMEOUT_MS) throw new RecordError("Empty export status on source instance", "BulkImports::Pipeline::ExpiredError");
    await enqueue("import.pipeline", { trackerId: tracker.id, poll: poll + 1 }, { startAfter: requeueDelaySeconds(poll) });
    return;
  }
  if (status.status === "failed" && pipeline.kind === "file" && isMissingRelation(status)) return endTracker(tracker.id, TRACKER_STATUS.skipped, { message: pipeline.notExported });
  if (status.status === "failed") throw new RecordError(`Export from source instance failed: ${status.error ?? "unknown error"}`, "BulkImports::Pipeline::FailedError");

  const batched = status.batched;
  const batchNumbers = batched ? Array.from({ length: status.batchesCount }, (_, i) => i + 1) : [0];
  await updateTracker(tracker.id, {
    status: TRACKER_STATUS.started,
    batched,
    startedAt: tracker.startedAt ?? new Date(),
    sourceObjectsCount: status.totalObjectsCount > 0 || batched ? status.totalObjectsCount : null,
  });
  if (batchNumbers.length === 0) return endTracker(tracker.id, TRACKER_STATUS.finished, { sourceObjectsCount: 0 });
  await getDb()
    .insert(bulkImportBatchTrackers)
    .values(batchNumbers.map((batchNumber) => ({ trackerId: tracker.id, batchNumber })))
    .onConflictDoNothing();
  if (!batched) {
    // Not batched (sources before 16.2): one file, processed here as batch 0.
    await runBatch(tracker.id, 0, job, { client, loaded, pipeline });
    return;
  }
  const open = await getDb()
    .select({ batchNumber: bulkImportBatchTrackers.batchNumber })
    .from(bulkImportBatchTrackers)
    .where(and(eq(bulkImportBatchTrackers.trackerId, tracker.id), inArray(bulkImportBatchTrackers.status, [STATUS.created])));
  await enqueueMany(
    "import.batch",
    jobsOf(open.map((row) => row.batchNumber)).map((batchNumbers) => ({ trackerId: tracker.id, batchNumbers })),
  );
  if (open.length === 0) await settleBatchedTracker(tracker.id);
}
