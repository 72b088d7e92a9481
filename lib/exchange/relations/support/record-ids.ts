import { and, eq, sql, type SQL } from "drizzle-orm";
import type { AnyPgColumn, PgTable } from "drizzle-orm/pg-core";
import { intArray, ownerWhere, type OwnedTable, type Owner } from "@/lib/content";
import { getDb } from "@/lib/db";

/**
 * Every id of a table's records owned by one portable, ascending. One query, sorted here: keyset pages
 * (`id > $after ORDER BY id LIMIT 1000`) have no (owner, id) index to use and, before the table is analyzed after a
 * large import, PostgreSQL sorts what remains of the relation for every page (quadratic; seen in bench-export).
 * An id costs 8 bytes, so a million records hold 8 MB while their export runs.
 */
function idsWhere<Portable>(table: PgTable, id: AnyPgColumn, owned: (portable: Portable) => SQL) {
  return async (portable: Portable): Promise<number[]> => {
    const rows = await getDb().select({ id }).from(table).where(owned(portable));
    return rows.map((row) => Number(row.id)).sort((a, b) => a - b);
  };
}

/** The ids of a group's records (a relation only groups have): `owner` is the group column. */
export function idsOf(table: PgTable, id: AnyPgColumn, owner: AnyPgColumn) {
  return idsWhere(table, id, (groupId: number) => eq(owner, groupId));
}

/** The ids of an owner's records (a relation groups and projects have). */
export function ownerIdsOf(table: PgTable & OwnedTable, id: AnyPgColumn) {
  return idsWhere(table, id, (owner: Owner) => ownerWhere(table, owner));
}

/** `column = ANY(ids)`: one of these ids, as one array parameter, not 1000. */
export const anyOf = (id: AnyPgColumn, ids: readonly number[]): SQL => sql`${id} = ANY(${intArray(ids)})`;

/** The condition "owned by this group and one of these ids", for `records()`. */
export function ownedIds(id: AnyPgColumn, owner: AnyPgColumn, portableId: number, ids: readonly number[]): SQL {
  return and(eq(owner, portableId), anyOf(id, ids))!;
}

/** The condition "the owner's and one of these ids", for `records()` of a relation groups and projects have. */
export function ownerIds(table: OwnedTable, id: AnyPgColumn, owner: Owner, ids: readonly number[]): SQL {
  return and(ownerWhere(table, owner), anyOf(id, ids))!;
}

/** GitLab's JSON timestamps: ISO 8601 with milliseconds in UTC, as `2019-11-20T17:02:20.546Z`. */
export const iso = (date: Date | null): string | null => (date ? date.toISOString() : null);
