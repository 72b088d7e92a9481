import { randomUUID } from "node:crypto";
import fs from "node:fs";
import { eq } from "drizzle-orm";
import { bulkImportExports, getDb } from "@/lib/db";
import { removeRun, resolveExportPath } from "./files";

/*
 * pg-boss hands a job out again when its worker stalls, so two deliveries of one run may write the same file at
 * once. Each writes a file of its own; only the one whose write ends the export (or batch), under the export row's
 * lock, moves it onto the name the row gives, so the other can neither replace that file (and its recorded size)
 * nor delete it.
 */

/** A name next to `filePath` that only this delivery writes. */
export const ownFilePath = (filePath: string) => `${filePath}.${randomUUID()}.part`;

/** Puts this delivery's file where the export row says it is; call it inside the transaction that records that. */
export async function moveIntoPlace(ownPath: string, filePath: string): Promise<void> {
  await fs.promises.rename(resolveExportPath(ownPath), resolveExportPath(filePath));
}

/** Removes this delivery's file if it is still there (it was not the one moved into place). */
export async function removeOwnFile(ownPath: string): Promise<void> {
  await fs.promises.rm(resolveExportPath(ownPath), { force: true });
}

/**
 * After a delivery found its run no longer writable: a restarted export's old run belongs to nobody, so its files go;
 * a run that a twin delivery already ended keeps them, they are what the export serves.
 */
export async function removeRunIfReplaced(exportId: number, runId: string): Promise<void> {
  const [current] = await getDb().select({ runId: bulkImportExports.runId }).from(bulkImportExports).where(eq(bulkImportExports.id, exportId));
  if (current?.runId !== runId) await removeRun(exportId, runId);
}
