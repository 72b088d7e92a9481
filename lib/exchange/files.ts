import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import zlib from "node:zlib";
import { getConfig } from "@/lib/config";
import { writeWholeOrNone } from "@/lib/files";

/** Where export files live: `FERRY_DATA_DIR/exports/<export id>/<run id>/<batch or "all">.gz`. */
export function exportsRoot(): string {
  return path.join(getConfig().dataDir, "exports");
}

export function runDirectory(exportId: number, runId: string): string {
  return path.join(String(exportId), runId);
}

/** A file of one run: batch N, or the whole relation when `batchNumber` is null. */
export function exportFilePath(exportId: number, runId: string, batchNumber: number | null): string {
  return path.join(runDirectory(exportId, runId), batchNumber === null ? "all.gz" : `batch-${batchNumber}.gz`);
}

/** A stored relative path made absolute; refuses anything that would leave the exports directory. */
export function resolveExportPath(relative: string): string {
  const root = exportsRoot();
  const absolute = path.resolve(root, relative);
  if (!absolute.startsWith(root + path.sep)) throw new Error(`export path outside the exports directory: ${relative}`);
  return absolute;
}

// Speed over the last few percent of size: the files are read once or twice and then dropped.
const GZIP_LEVEL = 6;

/**
 * Streams text (or archive) chunks through gzip into the file, written under a temporary name and renamed when complete, so a
 * reader (or a retried job) never sees half a file. Returns the file's size.
 */
export async function writeGzipFile(relative: string, chunks: AsyncIterable<string | Buffer>): Promise<number> {
  const target = resolveExportPath(relative);
  // Private groups' epics and members: readable by Ferry's own user only.
  await fs.promises.mkdir(path.dirname(target), { recursive: true, mode: 0o700 });
  const temporary = `${target}.${randomBytes(6).toString("hex")}.tmp`;
  try {
    await writeWholeOrNone(temporary, { mode: 0o600 }, (out) => pipeline(Readable.from(chunks), zlib.createGzip({ level: GZIP_LEVEL }), out));
    await fs.promises.rename(temporary, target);
  } catch (error) {
    await fs.promises.rm(temporary, { force: true });
    throw error;
  }
  return (await fs.promises.stat(target)).size;
}

/** Size of a stored file, or null when it is gone (pruned, or never written). */
export async function storedFileSize(relative: string): Promise<number | null> {
  try {
    return (await fs.promises.stat(resolveExportPath(relative))).size;
  } catch {
    return null;
  }
}

/** Removes one run's files, or every run of an export but `keepRunId`. Best effort: a missing directory is fine. */
export async function removeRuns(exportId: number, keepRunId?: string): Promise<void> {
  const directory = resolveExportPath(String(exportId));
  const runs = await fs.promises.readdir(directory).catch(() => [] as string[]);
  await Promise.all(runs.filter((run) => run !== keepRunId).map((run) => fs.promises.rm(path.join(directory, run), { recursive: true, force: true })));
}

/** Removes the files of one run that was replaced while its job was writing them. */
export async function removeRun(exportId: number, runId: string): Promise<void> {
  await fs.promises.rm(resolveExportPath(runDirectory(exportId, runId)), { recursive: true, force: true });
}
