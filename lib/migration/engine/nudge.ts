import { and, eq, inArray, lt, notInArray, sql } from "drizzle-orm";
import { getConfig } from "@/lib/config";
import { bulkImportEntities, bulkImports, bulkImportTrackers, getDb } from "@/lib/db";
import { enqueue, queueSchema } from "@/lib/jobs";
import { STATUS, TRACKER_STATUS } from "../status";
import { advanceEntity } from "./advance-entity";
import { lastProgress } from "./cancel";
import { processImport } from "./process-import";

/**
 * A safety net beside the jobs: every state change commits with the job that continues it, and a retried job moves
 * its entity on, but an import must never wait on the 24-hour stale sweep to end truthfully. Every few seconds a
 * worker moves on what has been quiet for a while and has nothing running: an entity whose running stage has ended
 * (the next stage is enqueued, or the entity ends), and an import with entities to start or all of them ended.
 * And a relation left running (`enqueued`, `started`) with no job of its own queued, retrying or running: its
 * pipeline job is sent again (it picks up where the relation stands: open batches are sent again, a done relation
 * ends). Every step is idempotent under its row locks, so several workers nudging at once do no harm. Work that
 * moved within FERRY_IMPORT_NUDGE_SECONDS is left alone: its own jobs are carrying it. `bulkImportIds` limits the
 * nudge (a test's own imports).
 */
export async function nudgeStalledImports(scope: { bulkImportIds?: number[] } = {}): Promise<{ entities: number; imports: number; trackers: number }> {
  const quiet = sql`now() - make_interval(secs => ${getConfig().FERRY_IMPORT_NUDGE_SECONDS})`;
  const inScope = scope.bulkImportIds;
  const db = getDb();
  const running = db
    .select({ one: sql`1` })
    .from(bulkImportTrackers)
    .where(and(eq(bulkImportTrackers.entityId, bulkImportEntities.id), inArray(bulkImportTrackers.status, [TRACKER_STATUS.enqueued, TRACKER_STATUS.started])));
  // Only entities whose first stage was handed out (a tracker left `created`): before that, the export request owns them.
  const begun = db
    .select({ one: sql`1` })
    .from(bulkImportTrackers)
    .where(and(eq(bulkImportTrackers.entityId, bulkImportEntities.id), notInArray(bulkImportTrackers.status, [TRACKER_STATUS.created])));
  const entities = await db
    .select({ id: bulkImportEntities.id })
    .from(bulkImportEntities)
    .where(
      and(
        eq(bulkImportEntities.status, STATUS.started),
        lt(bulkImportEntities.updatedAt, quiet),
        sql`NOT EXISTS ${running}`,
        sql`EXISTS ${begun}`,
        inScope && inArray(bulkImportEntities.bulkImportId, inScope),
      ),
    )
    .limit(100);
  for (const { id } of entities) await advanceEntity(id);

  const imports = await db
    .select({ id: bulkImports.id })
    .from(bulkImports)
    .where(and(inArray(bulkImports.status, [STATUS.created, STATUS.started]), lt(lastProgress, quiet), inScope && inArray(bulkImports.id, inScope)))
    .limit(100);
  for (const { id } of imports) await processImport(id);

  const trackers = await orphanedTrackers(quiet, inScope);
  for (const id of trackers) await enqueue("import.pipeline", { trackerId: id });
  return { entities: entities.length, imports: imports.length, trackers: trackers.length };
}

/** Running relations of running entities, quiet, that no pipeline or batch job (queued, retrying, running) carries. */
async function orphanedTrackers(quiet: ReturnType<typeof sql>, inScope: number[] | undefined): Promise<number[]> {
  const t = bulkImportTrackers;
  const e = bulkImportEntities;
  const jobs = sql.raw(`"${queueSchema()}".job`);
  const rows = await getDb()
    .select({ id: t.id })
    .from(t)
    .innerJoin(e, eq(e.id, t.entityId))
    .where(
      and(
        eq(e.status, STATUS.started),
        inArray(t.status, [TRACKER_STATUS.enqueued, TRACKER_STATUS.started]),
        lt(t.updatedAt, quiet),
        lt(e.updatedAt, quiet),
        sql`NOT EXISTS (SELECT 1 FROM ${jobs} AS j WHERE j.name IN ('import.pipeline', 'import.batch') AND j.state IN ('created', 'retry', 'active') AND (j.data->>'trackerId')::int = ${t.id})`,
        inScope && inArray(e.bulkImportId, inScope),
      ),
    )
    .limit(100);
  return rows.map((r) => r.id);
}

export const NUDGE_INTERVAL_MS = 15_000;
