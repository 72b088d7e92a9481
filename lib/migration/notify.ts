import { sql } from "drizzle-orm";
import type { Db } from "@/lib/db";
import { IMPORT_EVENTS_CHANNEL, type ImportEvent } from "@/lib/live/import-event";

// The event's shape and channel live with its parser in lib/live/import-event.ts, shared with the hub and the browser.
export { IMPORT_EVENTS_CHANNEL, type ImportEvent };

type Executor = Pick<Db, "execute">;

/** Sent inside the caller's transaction when there is one: listeners hear of a change only once it is committed. */
export async function notifyImportChanged(db: Executor, event: ImportEvent): Promise<void> {
  await db.execute(sql`SELECT pg_notify(${IMPORT_EVENTS_CHANNEL}, ${JSON.stringify(event)})`);
}
