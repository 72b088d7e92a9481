import { and, asc, eq, sql } from "drizzle-orm";
import { getConfig } from "@/lib/config";
import { bulkImportEntities, bulkImports, bulkImportTrackers, getDb, sqlExecutor } from "@/lib/db";
import { enqueueIn, wakeLocalWorkers } from "@/lib/jobs";
import { notifyImportChanged } from "../notify";
import { pipelinesFor } from "../pipelines";
import { STATUS, TERMINAL } from "../status";
import { finishImportIfDone } from "./progress";
import { removeImportStore } from "../file-import/archive-store";
import { awaitsRemoteArchive } from "../file-import/remote-archive";
import { followBulkImport } from "../file-import/relation-import-status";
import { FILE_IMPORT_SOURCE_TYPE, loadEntity } from "./context";

/**
 * GitLab's BulkImportWorker, driven by events instead of a 5 s loop: start entities up to the concurrency limit
 * (creating their trackers), and end the import when every entity has ended. Runs again whenever an entity ends
 * or a subgroup is discovered.
 */
export async function processImport(bulkImportId: number): Promise<void> {
  let ended = false;
  let fetching = false;
  const toStart = await getDb().transaction(async (tx) => {
    const [bulkImport] = await tx.select().from(bulkImports).where(eq(bulkImports.id, bulkImportId)).for("update");
    const fileImport = bulkImport?.sourceType === FILE_IMPORT_SOURCE_TYPE;
    if (!bulkImport || TERMINAL.includes(bulkImport.status)) {
      ended = fileImport;
      return [];
    }
    // A remote import's archive is not here yet: its fetch comes first (again, if a nudge finds it quiet), then this.
    if (fileImport && awaitsRemoteArchive(bulkImport)) {
      await enqueueIn(sqlExecutor(tx), "import.remote-archive", { bulkImportId }, { singletonKey: String(bulkImportId) });
      fetching = true;
      return [];
    }
    if (bulkImport.status === STATUS.created) {
      await tx.update(bulkImports).set({ status: STATUS.started, updatedAt: new Date() }).where(eq(bulkImports.id, bulkImportId));
      await followBulkImport(tx, bulkImportId, STATUS.started);
    }
    if (await finishImportIfDone(tx, bulkImportId)) {
      ended = fileImport;
      return [];
    }
    const [running] = await tx
      .select({ count: sql<number>`count(*)::int` })
      .from(bulkImportEntities)
      .where(and(eq(bulkImportEntities.bulkImportId, bulkImportId), eq(bulkImportEntities.status, STATUS.started)));
    const room = getConfig().FERRY_IMPORT_CONCURRENCY - (running?.count ?? 0);
    if (room <= 0) return [];
    const waiting = await tx
      .select({ id: bulkImportEntities.id })
      .from(bulkImportEntities)
      .where(and(eq(bulkImportEntities.bulkImportId, bulkImportId), eq(bulkImportEntities.status, STATUS.created)))
      .orderBy(asc(bulkImportEntities.id))
      .limit(room);
    for (const { id } of waiting) {
      const loaded = await loadEntity(id);
      if (!loaded) continue;
      const trackers = pipelinesFor(loaded.context).map((p) => ({ entityId: id, relation: p.relation, stage: p.stage }));
      await tx.insert(bulkImportTrackers).values(trackers).onConflictDoNothing();
      await tx.update(bulkImportEntities).set({ status: STATUS.started, startedAt: new Date(), updatedAt: new Date() }).where(eq(bulkImportEntities.id, id));
      // With the state it carries on: an entity is never started without the job that exports it.
      await enqueueIn(sqlExecutor(tx), "import.export-request", { entityId: id });
    }
    await notifyImportChanged(tx, { userId: bulkImport.userId, bulkImportId });
    return waiting.map((w) => w.id);
  });
  // A file import's records are all loaded (or never will be): the store of its archive gives its disk back.
  if (ended) await removeImportStore(bulkImportId);
  if (toStart.length > 0) await wakeLocalWorkers("import.export-request");
  if (fetching) await wakeLocalWorkers("import.remote-archive");
}
