import { sql } from "drizzle-orm";
import type { Db } from "@/lib/db";

/** The Postgres channel that carries import changes to web servers, which push them to open pages (SSE). */
export const IMPORT_EVENTS_CHANNEL = "ferry_import_events";

export interface ImportEvent {
  userId: number;
  bulkImportId: number;
  entityId?: number;
}

type Executor = Pick<Db, "execute">;

/** Sent inside the caller's transaction when there is one: listeners hear of a change only once it is committed. */
export async function notifyImportChanged(db: Executor, event: ImportEvent): Promise<void> {
  await db.execute(sql`SELECT pg_notify(${IMPORT_EVENTS_CHANNEL}, ${JSON.stringify(event)})`);
}
