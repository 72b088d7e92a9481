import { randomUUID } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { eq } from "drizzle-orm";
import type PgBoss from "pg-boss";
import { getConfig } from "@/lib/config";
import { bulkImportEntities, bulkImportFailures, bulkImports, getDb, groups, projects, sqlExecutor, VISIBILITY_LEVELS } from "@/lib/db";
import { downloadRemoteFile, failureDetail, isSourceError } from "@/lib/gitlab";
import { capVisibility } from "@/lib/groups";
import { earlierDeliveryRunning, enqueueIn, wakeLocalWorkers } from "@/lib/jobs";
import { logger } from "@/lib/log";
import { sourcePolicy } from "@/lib/settings";
import { finishEntity } from "../engine/finish-entity";
import { STATUS, TERMINAL } from "../status";
import { ArchiveCheckError, scanArchive } from "./archive-scan";
import { importDirectory, importsRoot, removeImportStore } from "./archive-store";
import { awaitsRemoteArchive, openRemoteArchive, type RemoteArchive } from "./remote-archive";
import { applyOverrides, visibilityOf } from "./start-project-import";

const MIB = 1024 * 1024;

/** A failure the import ends with: its message is the project's `import_error`, and never holds the URL. */
class RemoteArchiveFailure extends Error {}

/** The delivery: the queue's job, or a direct call's attempt (tests). */
type Job = PgBoss.JobWithMetadata<unknown> | Pick<PgBoss.JobWithMetadata, "retryCount" | "retryLimit">;

async function pendingImport(bulkImportId: number) {
  const [row] = await getDb()
    .select({ bulkImport: bulkImports, entityId: bulkImportEntities.id, projectId: bulkImportEntities.projectId, slug: bulkImportEntities.destinationSlug })
    .from(bulkImports)
    .innerJoin(bulkImportEntities, eq(bulkImportEntities.bulkImportId, bulkImports.id))
    .where(eq(bulkImports.id, bulkImportId))
    .limit(1);
  return row && awaitsRemoteArchive(row.bulkImport) && !TERMINAL.includes(row.bulkImport.status) ? row : undefined;
}

/** The archive downloaded (size-capped) and scanned into a store under `work`, overrides applied. */
async function fetchAndScan(archive: RemoteArchive, work: string) {
  const file = path.join(work, "archive.tar.gz");
  try {
    await downloadRemoteFile(archive.url, file, { policy: await sourcePolicy(), maxBytes: archive.maxBytes });
  } catch (error) {
    if (isSourceError(error)) throw new RemoteArchiveFailure(`The remote file could not be downloaded: ${failureDetail(error)}.`);
    throw error;
  }
  const config = getConfig();
  const store = path.join(work, "store");
  try {
    const index = await scanArchive(file, store, { maxDecompressedBytes: config.FERRY_IMPORT_MAX_DECOMPRESSED_MB * MIB, maxLineBytes: config.FERRY_IMPORT_MAX_LINE_MB * MIB }, "project");
    await fs.promises.rm(file, { force: true });
    return { index, store, attributes: await applyOverrides({ index, store }, archive.overrides) };
  } catch (error) {
    if (error instanceof ArchiveCheckError) throw new RemoteArchiveFailure(error.message);
    throw error;
  }
}

/**
 * Ends the import `failed` with `message` as its error, before any of the archive was loaded: the project stays, empty,
 * with import_status `failed` (as GitLab's does, so that GET /projects/:id/import can tell why), and the seal is
 * dropped, the URL no longer needed. Under `overwrite`, the old project was never touched.
 */
async function failImport(bulkImportId: number, entityId: number, sealed: string, message: string): Promise<void> {
  const failed = await getDb().transaction(async (tx) => {
    const [locked] = await tx.select().from(bulkImports).where(eq(bulkImports.id, bulkImportId)).for("update");
    if (!locked || locked.tokenCiphertext !== sealed || TERMINAL.includes(locked.status)) return false;
    await tx.insert(bulkImportFailures).values({
      entityId,
      relation: "import_file",
      pipelineClass: "Import::GitlabProjects::FileAcquisitionStrategies::RemoteFile",
      pipelineStep: "download",
      exceptionClass: "Gitlab::ImportExport::Error",
      exceptionMessage: message,
      correlationIdValue: `bulk-import-${bulkImportId}`,
    });
    await tx.update(bulkImports).set({ tokenCiphertext: "", updatedAt: new Date() }).where(eq(bulkImports.id, bulkImportId));
    return true;
  });
  if (failed) await finishEntity(entityId, STATUS.failed);
}

/**
 * The worker's half of POST /projects/remote-import: the sealed URL opened, the file streamed to disk through the URL
 * policy (every connection, no redirect) within the size the HEAD announced, the archive checked by the same one-pass
 * scan as an upload, then moved in as the import's store, the seal dropped and the import's processing queued, in one
 * transaction. Delivered at least once: a delivery that finds an earlier one of its import running, the seal gone
 * (another one did the work) or the import ended (cancelled) does nothing, and its files go. A bad file (not 200, too
 * large, cut short, refused by the scan) ends the import failed at once; other errors are retried, and the last
 * attempt fails the import too.
 */
export async function fetchRemoteArchive(bulkImportId: number, job: Job): Promise<void> {
  // A nudge's delivery beside a running download (up to 10 GiB) would download it again: it leaves that to the first.
  if ("id" in job && (await earlierDeliveryRunning(job))) return;
  const row = await pendingImport(bulkImportId);
  if (!row) return;
  const sealed = row.bulkImport.tokenCiphertext;
  // A directory of this delivery's own: a second delivery of the job (an expired one retried) may run beside it.
  const work = path.join(importsRoot(), `remote-${bulkImportId}-${randomUUID()}`);
  await fs.promises.mkdir(work, { recursive: true, mode: 0o700 });
  let moved = false;
  try {
    let archive: RemoteArchive;
    try {
      archive = openRemoteArchive(sealed);
    } catch {
      throw new RemoteArchiveFailure("The remote file's address could not be read (was the encryption key changed?).");
    }
    const { index, store, attributes } = await fetchAndScan(archive, work);
    const exported = index.project!;
    const committed = await getDb().transaction(async (tx) => {
      const [locked] = await tx.select().from(bulkImports).where(eq(bulkImports.id, bulkImportId)).for("update");
      if (!locked || locked.tokenCiphertext !== sealed || TERMINAL.includes(locked.status)) return false;
      await fs.promises.rename(store, importDirectory(bulkImportId));
      moved = true;
      await tx.update(bulkImports).set({ tokenCiphertext: "", updatedAt: new Date() }).where(eq(bulkImports.id, bulkImportId));
      await tx
        .update(bulkImportEntities)
        .set({ sourceFullPath: exported.path || row.slug, sourceXid: exported.id, updatedAt: new Date() })
        .where(eq(bulkImportEntities.id, row.entityId));
      if (row.projectId !== null) {
        const [place] = await tx.select({ visibility: groups.visibility }).from(projects).innerJoin(groups, eq(groups.id, projects.namespaceId)).where(eq(projects.id, row.projectId));
        const visibility = capVisibility(visibilityOf(attributes), place?.visibility ?? "private");
        await tx.update(projects).set({ visibilityLevel: VISIBILITY_LEVELS[visibility], updatedAt: new Date() }).where(eq(projects.id, row.projectId));
      }
      await enqueueIn(sqlExecutor(tx), "import.process", { bulkImportId }, { singletonKey: String(bulkImportId) });
      return true;
    });
    // Committed: the store is the import's now, whatever happens below.
    moved = false;
    if (committed) await wakeLocalWorkers("import.process");
  } catch (error) {
    if (moved) await removeImportStore(bulkImportId);
    if (error instanceof RemoteArchiveFailure) {
      await failImport(bulkImportId, row.entityId, sealed, error.message);
      return;
    }
    // The error is logged without its message's details: a library's message might quote the URL.
    logger.error({ bulkImportId, error: error instanceof Error ? error.name : "unknown", retry: job.retryCount }, "the remote archive could not be fetched");
    if (job.retryCount < job.retryLimit) throw error;
    await failImport(bulkImportId, row.entityId, sealed, "The remote file could not be imported: an internal error occurred.");
  } finally {
    await fs.promises.rm(work, { recursive: true, force: true });
  }
}
