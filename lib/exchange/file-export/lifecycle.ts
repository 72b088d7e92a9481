import os from "node:os";
import fs from "node:fs";
import path from "node:path";
import { randomUUID } from "node:crypto";
import { and, eq, inArray, isNotNull, lt, type SQL } from "drizzle-orm";
import { fileExports, getDb, groups, projects } from "@/lib/db";
import { isSourceError, uploadFile } from "@/lib/gitlab";
import { enqueue, type FileExportOptions } from "@/lib/jobs";
import { logger } from "@/lib/log";
import { sourcePolicy } from "@/lib/settings";
import { resolveExportPath, writeGzipFile } from "../files";
import type { Portable } from "../portable";
import { groupArchiveMembers } from "./group-archive";
import { projectArchiveMembers } from "./project-archive";
import { writeTar, type TarInput } from "@/lib/archive";

type FileExport = typeof fileExports.$inferSelect;

/** How long an archive stays downloadable (GitLab's export files expire after 24 hours). */
export const FILE_EXPORT_TTL_MS = 24 * 3_600_000;

/** Archives live beside the relation exports, under a directory of their own. */
const ARCHIVES = "archives";

function ofPortable(portable: Pick<Portable, "kind" | "id">, userId: number): SQL {
  const column = portable.kind === "group" ? fileExports.groupId : fileExports.projectId;
  return and(eq(column, portable.id), eq(fileExports.userId, userId))!;
}

/** GitLab's export file name: `<%Y-%m-%d_%H-%M-%3N>_<full path, slashes made underscores>_export.tar.gz`. */
export function exportFileName(fullPath: string, at: Date): string {
  const iso = at.toISOString();
  const stamp = `${iso.slice(0, 10)}_${iso.slice(11, 13)}-${iso.slice(14, 16)}-${iso.slice(20, 23)}`;
  return `${stamp}_${fullPath.replaceAll("/", "_")}_export.tar.gz`;
}

/** This user's export of the portable, if any. */
export async function findFileExport(portable: Pick<Portable, "kind" | "id">, userId: number): Promise<FileExport | undefined> {
  const [row] = await getDb().select().from(fileExports).where(ofPortable(portable, userId));
  return row;
}

/** An export's archives (every run's), or one run's. */
async function removeArchive(exportId: number, runId?: string): Promise<void> {
  await fs.promises.rm(resolveExportPath(path.join(ARCHIVES, String(exportId), ...(runId ? [runId] : []))), { recursive: true, force: true });
}

/** The archives of the runs a newer request replaced: no longer served, so their disk is given back. */
async function removeReplacedRuns(exportId: number, keepRunId: string): Promise<void> {
  const directory = resolveExportPath(path.join(ARCHIVES, String(exportId)));
  const runs = await fs.promises.readdir(directory).catch(() => [] as string[]);
  await Promise.all(runs.filter((run) => run !== keepRunId).map((run) => fs.promises.rm(path.join(directory, run), { recursive: true, force: true })));
}

/**
 * Starts (or starts again) the user's export of a group or project into an archive: GitLab's
 * Groups::ImportExport::ExportService and Projects::ImportExport::ExportService async_execute. A new request replaces
 * the previous export of that user, whose job then stops unwritten. `options` (projects) travel with the job.
 */
export async function startFileExport(portable: Portable, userId: number, options: FileExportOptions = {}): Promise<void> {
  const runId = randomUUID();
  const now = new Date();
  const reset = { status: "queued" as const, runId, filePath: null, fileName: null, fileSize: null, error: null, startedAt: null, finishedAt: null, updatedAt: now };
  const [row] = await getDb()
    .insert(fileExports)
    .values({ ...reset, groupId: portable.kind === "group" ? portable.id : null, projectId: portable.kind === "project" ? portable.id : null, userId })
    .onConflictDoUpdate({
      target: portable.kind === "group" ? [fileExports.groupId, fileExports.userId] : [fileExports.projectId, fileExports.userId],
      targetWhere: isNotNull(portable.kind === "group" ? fileExports.groupId : fileExports.projectId),
      set: reset,
    })
    .returning({ id: fileExports.id });
  await enqueue("exchange.file-export", { exportId: row!.id, runId, ...options });
  await removeReplacedRuns(row!.id, runId);
}

/** The archive's name stem and members for the export's group or project. */
async function archiveOf(row: FileExport, scratch: string, options: FileExportOptions): Promise<{ fullPath: string; members: AsyncIterable<TarInput> }> {
  const db = getDb();
  if (row.groupId !== null) {
    const [group] = await db.select({ fullPath: groups.fullPath }).from(groups).where(eq(groups.id, row.groupId));
    return { fullPath: group!.fullPath, members: groupArchiveMembers(row.groupId, scratch) };
  }
  const [project] = await db
    .select({ namespace: groups.fullPath, path: projects.path })
    .from(projects)
    .innerJoin(groups, eq(groups.id, projects.namespaceId))
    .where(eq(projects.id, row.projectId!));
  return { fullPath: `${project!.namespace}/${project!.path}`, members: projectArchiveMembers(row.projectId!, scratch, { description: options.description }) };
}

/** Why an export's upload failed, for the user: the URL policy's or the server's answer, never the URL itself. */
const uploadFailure = (error: unknown) => `The export could not be uploaded: ${isSourceError(error) ? error.message : "the upload failed."}`;

/**
 * The job: writes the archive for the run that queued it, unless a newer request replaced that run; with `upload`,
 * then sends it there (GitLab's WebUploadStrategy), the export failing when the upload does.
 */
export async function runFileExport(exportId: number, runId: string, options: FileExportOptions = {}): Promise<void> {
  const db = getDb();
  const current = () => and(eq(fileExports.id, exportId), eq(fileExports.runId, runId));
  const [row] = await db.update(fileExports).set({ status: "started", startedAt: new Date(), updatedAt: new Date() }).where(current()).returning();
  if (!row) return;
  const scratch = await fs.promises.mkdtemp(path.join(os.tmpdir(), "ferry-export-"));
  let relative: string | undefined;
  try {
    const archive = await archiveOf(row, scratch, options);
    const fileName = exportFileName(archive.fullPath, new Date());
    relative = path.join(ARCHIVES, String(exportId), runId, fileName);
    const size = await writeGzipFile(relative, writeTar(archive.members));
    if (options.upload) {
      try {
        await uploadFile(resolveExportPath(relative), options.upload, await sourcePolicy());
      } catch (error) {
        logger.warn({ err: isSourceError(error) ? error.message : error, exportId }, "file export upload failed");
        await db.update(fileExports).set({ status: "failed", error: uploadFailure(error), finishedAt: new Date(), updatedAt: new Date() }).where(current());
        await removeArchive(exportId, runId);
        return;
      }
    }
    const [done] = await db
      .update(fileExports)
      .set({ status: "finished", filePath: relative, fileName, fileSize: size, finishedAt: new Date(), updatedAt: new Date() })
      .where(current())
      .returning({ id: fileExports.id });
    // Replaced while it was written: the file belongs to no request.
    if (!done) await removeArchive(exportId, runId);
  } catch (error) {
    const [failed] = await db
      .update(fileExports)
      .set({ status: "failed", error: "The export could not be written.", finishedAt: new Date(), updatedAt: new Date() })
      .where(current())
      .returning({ id: fileExports.id });
    // A newer request removes the files of the run it replaced, maybe while this job wrote them: no failure of its own.
    if (failed) logger.error({ err: error, exportId }, "file export failed");
    await removeArchive(exportId, runId);
  } finally {
    await fs.promises.rm(scratch, { recursive: true, force: true });
  }
}

/** What the Settings page shows of the user's export: its state, and when a finished one was written and expires. */
export async function fileExportView(portable: Pick<Portable, "kind" | "id">, userId: number, now = new Date()) {
  const row = await findFileExport(portable, userId);
  const finishedAt = row?.status === "finished" ? row.finishedAt : null;
  const expiresAt = finishedAt ? new Date(finishedAt.getTime() + FILE_EXPORT_TTL_MS) : null;
  const state = !row || (expiresAt !== null && expiresAt < now) ? ("none" as const) : row.status;
  return { state, finishedAt, expiresAt, error: row?.status === "failed" ? row.error : null };
}

/**
 * GitLab's `export_status` of the user's export (Project#export_status): a failed or expired export is `none`, as
 * GitLab has no file and no job for it. `regeneration_in_progress` (a running export beside a finished file) does not
 * arise: a new request removes the previous file at once.
 */
export async function fileExportStatus(portable: Pick<Portable, "kind" | "id">, userId: number): Promise<"none" | "queued" | "started" | "finished"> {
  const { state } = await fileExportView(portable, userId);
  return state === "failed" ? "none" : state;
}

/** The downloadable archive of a finished export, or why there is none. */
export type ArchiveLookup = { archive: { path: string; fileName: string; size: number } } | { missing: "not_ready" | "none" };

export async function exportArchive(portable: Pick<Portable, "kind" | "id">, userId: number, now = new Date()): Promise<ArchiveLookup> {
  const row = await findFileExport(portable, userId);
  if (!row) return { missing: "none" };
  if (row.status === "queued" || row.status === "started") return { missing: "not_ready" };
  if (row.status !== "finished" || !row.filePath || !row.finishedAt || now.getTime() - row.finishedAt.getTime() > FILE_EXPORT_TTL_MS) return { missing: "none" };
  const absolute = resolveExportPath(row.filePath);
  const size = await fs.promises.stat(absolute).then((stat) => stat.size, () => null);
  return size === null ? { missing: "none" } : { archive: { path: absolute, fileName: row.fileName!, size } };
}

/** An export queued or running this long has lost its job for good (its retries are spent): it failed. */
export const STALE_FILE_EXPORT_MS = 6 * 3_600_000;

/** The hourly sweep: exports stuck past the limit fail; archives older than the TTL are deleted with their exports. */
export async function pruneFileExports(now = new Date()): Promise<{ timedOut: number; expired: number }> {
  const db = getDb();
  const timedOut = await db
    .update(fileExports)
    .set({ status: "failed", error: "The export timed out.", finishedAt: now, updatedAt: now })
    .where(and(inArray(fileExports.status, ["queued", "started"]), lt(fileExports.updatedAt, new Date(now.getTime() - STALE_FILE_EXPORT_MS))))
    .returning({ id: fileExports.id });
  const expired = await db
    .delete(fileExports)
    .where(lt(fileExports.finishedAt, new Date(now.getTime() - FILE_EXPORT_TTL_MS)))
    .returning({ id: fileExports.id });
  for (const row of expired) await removeArchive(row.id);
  return { timedOut: timedOut.length, expired: expired.length };
}
