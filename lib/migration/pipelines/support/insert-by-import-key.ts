import { sql, type SQL } from "drizzle-orm";
import type { PgColumn, PgTable } from "drizzle-orm/pg-core";
import { bulkInsert, type Tx } from "@/lib/db";

type KeyedTable = PgTable & { importEntityId: PgColumn; importKey: PgColumn };

/** Skips a row already imported from the same source record; any other conflict (a duplicate title) still throws. */
export const skipImported = (table: KeyedTable): SQL =>
  sql`ON CONFLICT (${sql.identifier(table.importEntityId.name)}, ${sql.identifier(table.importKey.name)}) WHERE ${sql.identifier(table.importKey.name)} IS NOT NULL DO NOTHING`;

/**
 * A pipeline's load: insert the rows not imported yet, in one statement with a parameter per column (bulkInsert).
 * Only a row already imported from the same source record is skipped, so the runner can fail any other bad record.
 */
export function insertByImportKey<T extends KeyedTable>(table: T) {
  return async (tx: Tx, rows: T["$inferInsert"][]): Promise<void> => {
    await bulkInsert(tx, table, rows, skipImported(table));
  };
}
