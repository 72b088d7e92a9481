import { and, eq, notInArray } from "drizzle-orm";
import { bulkImportEntities, bulkImportFailures, bulkImportTrackers, getDb, sqlExecutor } from "@/lib/db";
import { enqueueIn } from "@/lib/jobs";
import { removeRepositories } from "@/lib/projects";
import { snapshotEntityStats } from "../entity-stats";
import { completeOverwrite } from "../file-import/overwrite";
import { STATUS, TERMINAL, TRACKER_STATUS, TRACKER_TERMINAL } from "../status";
import { processImport } from "./process-import";
import { notifyEntity } from "./progress";

const now = () => new Date();

/** Ends an entity: failed when every pipeline that ran failed (GitLab's EntityFinisher), else finished. */
export async function finishEntity(entityId: number, forceStatus?: number): Promise<void> {
  const ended = await getDb().transaction(async (tx) => {
    const [entity] = await tx.select().from(bulkImportEntities).where(eq(bulkImportEntities.id, entityId)).for("update");
    if (!entity || TERMINAL.includes(entity.status)) return undefined;
    let status = forceStatus;
    if (status === undefined) {
      const trackers = await tx.select({ status: bulkImportTrackers.status }).from(bulkImportTrackers).where(eq(bulkImportTrackers.entityId, entityId));
      const ran = trackers.filter((t) => t.status !== TRACKER_STATUS.skipped);
      status = ran.length > 0 && ran.every((t) => t.status === TRACKER_STATUS.failed) ? STATUS.failed : STATUS.finished;
    }
    // `overwrite`: the finished project takes the replaced one's place in the same commit that ends it.
    const replaced = status === STATUS.finished ? await completeOverwrite(tx, entity) : [];
    const [failure] = await tx.select({ id: bulkImportFailures.id }).from(bulkImportFailures).where(eq(bulkImportFailures.entityId, entityId)).limit(1);
    await tx.update(bulkImportEntities).set({ status, hasFailures: Boolean(failure), finishedAt: now(), updatedAt: now() }).where(eq(bulkImportEntities.id, entityId));
    if (status !== STATUS.finished) {
      // A failed or timed-out entity stops: pipelines not yet run are skipped.
      await tx
        .update(bulkImportTrackers)
        .set({ status: status === STATUS.timeout ? TRACKER_STATUS.timeout : TRACKER_STATUS.skipped, updatedAt: now() })
        .where(and(eq(bulkImportTrackers.entityId, entityId), notInArray(bulkImportTrackers.status, [...TRACKER_TERMINAL])));
    }
    await snapshotEntityStats(tx, entityId);
    await notifyEntity(tx, entityId);
    // The import moves on inline below; this job, committed with the entity's end, does it if the process dies first.
    await enqueueIn(sqlExecutor(tx), "import.process", { bulkImportId: entity.bulkImportId }, { singletonKey: String(entity.bulkImportId) });
    return { bulkImportId: entity.bulkImportId, replaced };
  });
  if (!ended) return;
  await removeRepositories(ended.replaced);
  await processImport(ended.bulkImportId);
}

