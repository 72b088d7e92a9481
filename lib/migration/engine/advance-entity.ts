import { and, eq, inArray, min } from "drizzle-orm";
import { bulkImportEntities, bulkImportTrackers, getDb, sqlExecutor } from "@/lib/db";
import { enqueueIn, wakeLocalWorkers } from "@/lib/jobs";
import { pipelineFor } from "../pipelines";
import { STATUS, TRACKER_STATUS } from "../status";
import { portableOf } from "./context";
import { finishEntity } from "./finish-entity";

/**
 * GitLab's EntityWorker: when no pipeline of the entity is running, enqueue every pipeline of the next stage (they
 * run in parallel); when none is left, end the entity. The entity row lock makes concurrent nudges harmless, and the
 * trackers' `enqueued` state commits with their jobs, so no crash leaves a tracker waiting for a job that never was.
 * A failed pipeline that must abort its entity (the group or project itself, the repository) fails it here, from
 * the committed tracker states, so that a crash right after the failure still ends the entity the same way.
 */
export async function advanceEntity(entityId: number): Promise<void> {
  const next = await getDb().transaction(async (tx) => {
    const [entity] = await tx.select({ status: bulkImportEntities.status, sourceType: bulkImportEntities.sourceType }).from(bulkImportEntities).where(eq(bulkImportEntities.id, entityId)).for("update");
    if (!entity || entity.status !== STATUS.started) return null;
    const failed = await tx
      .select({ relation: bulkImportTrackers.relation })
      .from(bulkImportTrackers)
      .where(and(eq(bulkImportTrackers.entityId, entityId), eq(bulkImportTrackers.status, TRACKER_STATUS.failed)));
    if (failed.some((t) => pipelineFor(portableOf(entity.sourceType), t.relation)?.abortOnFailure)) return "abort" as const;
    const running = await tx
      .select({ id: bulkImportTrackers.id })
      .from(bulkImportTrackers)
      .where(and(eq(bulkImportTrackers.entityId, entityId), inArray(bulkImportTrackers.status, [TRACKER_STATUS.enqueued, TRACKER_STATUS.started])))
      .limit(1);
    if (running.length > 0) return [];
    const [stage] = await tx
      .select({ stage: min(bulkImportTrackers.stage) })
      .from(bulkImportTrackers)
      .where(and(eq(bulkImportTrackers.entityId, entityId), eq(bulkImportTrackers.status, TRACKER_STATUS.created)));
    if (stage?.stage === null || stage?.stage === undefined) return "done" as const;
    const enqueued = await tx
      .update(bulkImportTrackers)
      .set({ status: TRACKER_STATUS.enqueued, updatedAt: new Date() })
      .where(and(eq(bulkImportTrackers.entityId, entityId), eq(bulkImportTrackers.status, TRACKER_STATUS.created), eq(bulkImportTrackers.stage, stage.stage)))
      .returning({ id: bulkImportTrackers.id });
    for (const tracker of enqueued) await enqueueIn(sqlExecutor(tx), "import.pipeline", { trackerId: tracker.id });
    return enqueued;
  });
  if (next === "abort") return finishEntity(entityId, STATUS.failed);
  if (next === "done") return finishEntity(entityId);
  if (next && next.length > 0) await wakeLocalWorkers("import.pipeline");
}
