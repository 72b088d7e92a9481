import { eq } from "drizzle-orm";
import { relationImportTrackers, type Tx } from "@/lib/db";
import { STATUS, TERMINAL } from "../status";

/** GitLab's RelationImportTracker states (their own numbering, as GitLab's table stores them). */
export const RELATION_IMPORT_STATUS = { created: 0, started: 1, finished: 2, failed: 3 } as const;
export type RelationImportStatusName = keyof typeof RELATION_IMPORT_STATUS;

const NAMES = Object.fromEntries(Object.entries(RELATION_IMPORT_STATUS).map(([name, value]) => [value, name])) as Record<number, RelationImportStatusName>;
export const relationImportStatusName = (value: number): RelationImportStatusName => NAMES[value] ?? "created";

/** A bulk import's status as its relation import shows it: GitLab's tracker has no timeout or canceled, only failed. */
function relationStatusOf(status: number): number | null {
  if (status === STATUS.started) return RELATION_IMPORT_STATUS.started;
  if (status === STATUS.finished) return RELATION_IMPORT_STATUS.finished;
  return TERMINAL.includes(status) ? RELATION_IMPORT_STATUS.failed : null;
}

/**
 * In the transaction that moves a bulk import to `status`: the relation import it runs as (if it is one) moves with
 * it, so that the two never disagree once committed, whatever crashes.
 */
export async function followBulkImport(tx: Tx, bulkImportId: number, status: number): Promise<void> {
  const next = relationStatusOf(status);
  if (next === null) return;
  await tx.update(relationImportTrackers).set({ status: next, updatedAt: new Date() }).where(eq(relationImportTrackers.bulkImportId, bulkImportId));
}
