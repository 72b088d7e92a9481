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

/** `count` ids from the table's own sequence, in increasing order, for rows about to be loaded. */
export async function allocateIds(tx: Tx, table: PgTable, count: number): Promise<number[]> {
  if (count === 0) return [];
  // The sequence is looked up once: in the select list, each row would look it up in the catalog again (8 µs an id).
  const { rows } = await tx.execute<{ id: number }>(sql`
    WITH sequence AS MATERIALIZED (SELECT pg_get_serial_sequence(${getTableName(table)}, 'id')::regclass AS id)
    SELECT nextval(sequence.id)::int AS id FROM sequence, generate_series(1, ${count}::int)`);
  return rows.map((row) => row.id);
}

export interface InsertNewOptions<R> {
  /** Give the ids of the rows inserted, by import key (rows that carry an `id` keep it; the others get one). */
  ids?: boolean;
  /**
   * The rows as the fallback INSERT should take them, when some were there already: a row that pointed at another
   * row of the same chunk by its id must not, since that other row may be the one skipped.
   */
  onReplay?: (rows: readonly R[]) => readonly R[];
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
export async function insertNew<T extends KeyedTable>(tx: Tx, table: T, rows: readonly T["$inferInsert"][], options: InsertNewOptions<T["$inferInsert"]> = {}): Promise<Map<string, number>> {
  if (rows.length === 0) return new Map();
  let loaded = rows as readonly (T["$inferInsert"] & { id?: number })[];
  if (options.ids) {
    const missing = loaded.filter((row) => row.id === undefined).length;
    const fresh = await allocateIds(tx, table, missing);
    let next = 0;
    loaded = loaded.map((row) => (row.id === undefined ? Object.assign({}, row, { id: fresh[next++]! }) : row));
  }
  try {
    await tx.transaction((savepoint) => copyRows(savepoint, table, loaded));
    return options.ids ? new Map(loaded.map((row) => [String((row as KeyedRow).importKey), row.id!])) : new Map();
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
  }
  const replayed = options.onReplay ? options.onReplay(loaded) : loaded;
  const suffix = options.ids ? sql`${skipImported(table)} RETURNING id, import_key AS key` : skipImported(table);
  const inserted = await bulkInsert<T, { id: number; key: string }>(tx, table, replayed, suffix);
  return new Map(inserted.map((row) => [row.key, row.id]));
}

/** A pipeline's load: insertNew for its one table. */
export function insertByImportKey<T extends KeyedTable>(table: T) {
  return async (tx: Tx, rows: T["$inferInsert"][]): Promise<void> => {
    await insertNew(tx, table, rows);
  };
}
