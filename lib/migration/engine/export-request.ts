import type PgBoss from "pg-boss";
import { eq } from "drizzle-orm";
import { bulkImportEntities, getDb } from "@/lib/db";
import { isSourceError, parseVersion, portableApiPath, supportsBatchedExport } from "@/lib/gitlab";
import { STATUS } from "../status";
import { advanceEntity } from "./advance-entity";
import { loadEntity, relationSourceFor, withSourceClient } from "./context";
import { recordFailure } from "../record-failure";
import { finishEntity } from "./finish-entity";

const isLastAttempt = (job: Pick<PgBoss.JobWithMetadata, "retryCount" | "retryLimit">) => job.retryCount >= job.retryLimit;

/** Asks the source to export the entity's relations (batched from 16.2), then lets the entity run its stages. */
export async function requestExport(entityId: number, job: Pick<PgBoss.JobWithMetadata, "retryCount" | "retryLimit">): Promise<void> {
  const loaded = await loadEntity(entityId);
  if (!loaded || loaded.entity.status !== STATUS.started) return;
  const { entity, bulkImport } = loaded;
  try {
    await withSourceClient(bulkImport, async (client) => {
      let xid = entity.sourceXid;
      if (!xid && client) {
        // Child entities found before their id was known, and imports started by path: resolve the id once.
        const { data } = await client.get<{ id: number }>(portableApiPath(loaded.context.portable, entity.sourceFullPath));
        xid = data.id;
        await getDb().update(bulkImportEntities).set({ sourceXid: xid }).where(eq(bulkImportEntities.id, entityId));
      }
      const version = parseVersion(bulkImport.sourceVersion);
      await relationSourceFor({ ...loaded, context: { ...loaded.context, sourceXid: xid ?? 0 } }, client).startExport({ batched: version ? supportsBatchedExport(version) : false });
    });
  } catch (error) {
    const retryable = isSourceError(error) ? error.retryable : true;
    if (retryable && !isLastAttempt(job)) throw error;
    await recordFailure({ entityId, relation: "export_request", pipelineClass: "BulkImports::ExportRequestWorker", pipelineStep: "export_request", error });
    await finishEntity(entityId, STATUS.failed);
    return;
  }
  // Inline, not a queue hop: the first stage starts as soon as the source has been asked.
  await advanceEntity(entityId);
}
