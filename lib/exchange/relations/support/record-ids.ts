import { and, eq, sql, type SQL } from "drizzle-orm";
import type { AnyPgColumn, PgTable } from "drizzle-orm/pg-core";
import { getDb } from "@/lib/db";

/**
 * Every id of a table's records owned by one portable, ascending. One query, sorted here: keyset pages
 * (`id > $after ORDER BY id LIMIT 1000`) have no (owner, id) index to use and, before the table is analyzed after a
 * large import, PostgreSQL sorts what remains of the relation for every page (quadratic; seen in bench-export).
 * An id costs 8 bytes, so a million records hold 8 MB while their export runs.
 */
export function idsOf(table: PgTable, id: AnyPgColumn, owner: AnyPgColumn) {
  return async (portableId: number): Promise<number[]> => {
    const rows = await getDb().select({ id }).from(table).where(eq(owner, portableId));
    return rows.map((row) => Number(row.id)).sort((a, b) => a - b);
  };
}

/** The condition "owned by this portable and one of these ids", for `records()`: one array parameter, not 1000. */
export function ownedIds(id: AnyPgColumn, owner: AnyPgColumn, portableId: number, ids: readonly number[]): SQL {
  return and(eq(owner, portableId), sql`${id} = ANY(${`{${ids.join(",")}}`}::integer[])`)!;
}

/** GitLab's JSON timestamps: ISO 8601 with milliseconds in UTC, as `2019-11-20T17:02:20.546Z`. */
export const iso = (date: Date | null): string | null => (date ? date.toISOString() : null);
