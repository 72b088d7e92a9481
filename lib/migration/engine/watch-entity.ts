import { eq } from "drizzle-orm";
import { bulkImportEntities, getDb } from "@/lib/db";
import { logger } from "@/lib/log";
import { STATUS } from "../status";

const CHECK_EVERY_MS = 1000;

/**
 * Calls `onStop` once if the entity leaves `started` (canceled, timed out) while a long job works on it. A cancel
 * only changes rows; without this a running download (a flood of bad lines, a slow source) would go on for minutes.
 * Looked up once a second per running job: cheap next to the job's own queries. Returns the function that ends it.
 */
export function watchEntity(entityId: number, onStop: (status: number) => void): () => void {
  let checking = false;
  const timer = setInterval(() => {
    if (checking) return;
    checking = true;
    getDb()
      .select({ status: bulkImportEntities.status })
      .from(bulkImportEntities)
      .where(eq(bulkImportEntities.id, entityId))
      .then(([row]) => {
        if (row && row.status !== STATUS.started) {
          clearInterval(timer);
          onStop(row.status);
        }
      })
      .catch((error: unknown) => logger.warn({ err: error, entityId }, "could not check whether the import was stopped"))
      .finally(() => {
        checking = false;
      });
  }, CHECK_EVERY_MS);
  timer.unref();
  return () => clearInterval(timer);
}
