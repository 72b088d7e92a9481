import { getTableName, sql, type SQL } from "drizzle-orm";
import type { PgColumn, PgTable } from "drizzle-orm/pg-core";
import { bulkInsert, copyRows, type Tx } from "@/lib/db";

type KeyedTable = PgTable & { importEntityId: PgColumn; importKey: PgColumn };
type KeyedRow = { importKey?: string | null };

/** Skips a row already imported from the same source record; any other conflict (a duplicate title) still throws. */
export const skipImported = (table: KeyedTable): SQL =>
  sql`ON CONFLICT (${sql.identifier(table.importEntityId.name)}, ${sql.identifier(table.importKey.name)}) WHERE ${sql.identifier(table.importKey.name)} IS NOT NULL DO NOTHING`;

/** PostgreSQL's unique_violation, however many layers wrap it. */
function isUniqueViolation(error: unknown): boolean {
  for (let at = error, depth = 0; at && typeof at === "object" && depth < 5; at = (at as { cause?: unknown }).cause, depth++) {
    if ((at as { code?: unknown }).code === "23505") return true;
  }
  return false;
}

/**
 * Inserts the rows not imported yet (by import key) and, with `ids`, gives the ids of the rows it inserted by import
 * key. Every relation's load goes through here.
 *
 * First as PostgreSQL's bulk load, COPY, under a savepoint: a chunk that comes for the first time (nearly all of them)
 * costs what COPY costs, with ids taken from the table's sequence beforehand when they are wanted. When a row is
 * there already (a chunk replayed after a crash, a record sent twice) the COPY fails on the import key's unique index;
 * the savepoint is rolled back and the rows go in with an INSERT that skips those imported, so idempotency holds. Any
 * other conflict (a duplicate title) still throws, for the runner to make it one failure.
 */
export async function insertNew<T extends KeyedTable>(tx: Tx, table: T, rows: readonly T["$inferInsert"][], options: { ids?: boolean } = {}): Promise<Map<string, number>> {
  if (rows.length === 0) return new Map();
  try {
    return await tx.transaction(async (savepoint) => {
      if (!options.ids) {
        await copyRows(savepoint, table, rows);
        return new Map<string, number>();
      }
      const { rows: allocated } = await savepoint.execute<{ id: number }>(
        sql`SELECT nextval(pg_get_serial_sequence(${getTableName(table)}, 'id'))::int AS id FROM generate_series(1, ${rows.length}::int)`,
      );
      const withIds = rows.map((row, index) => ({ ...row, id: allocated[index]!.id }));
      await copyRows(savepoint, table, withIds);
      return new Map(withIds.map((row) => [String((row as KeyedRow).importKey), row.id]));
    });
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
  }
  const suffix = options.ids ? sql`${skipImported(table)} RETURNING id, import_key AS key` : skipImported(table);
  const inserted = await bulkInsert<T, { id: number; key: string }>(tx, table, rows, suffix);
  return new Map(inserted.map((row) => [row.key, row.id]));
}

/** A pipeline's load: insertNew for its one table. */
export function insertByImportKey<T extends KeyedTable>(table: T) {
  return async (tx: Tx, rows: T["$inferInsert"][]): Promise<void> => {
    await insertNew(tx, table, rows);
  };
}
