import { sql } from "drizzle-orm";
import type { PgColumn, PgTable } from "drizzle-orm/pg-core";
import type { Tx } from "@/lib/db";

type KeyedTable = PgTable & { importEntityId: PgColumn; importKey: PgColumn };

/**
 * A pipeline's load: insert the rows not imported yet. Only a row already imported from the same source record is
 * skipped; any other conflict (a duplicate title, say) still throws, so the runner can fail that one record.
 */
export function insertByImportKey<T extends KeyedTable>(table: T) {
  return async (tx: Tx, rows: T["$inferInsert"][]): Promise<void> => {
    await tx
      .insert(table)
      .values(rows)
      .onConflictDoNothing({ target: [table.importEntityId, table.importKey], where: sql`${table.importKey} IS NOT NULL` });
  };
}
