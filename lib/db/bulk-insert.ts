import { sql, type SQL } from "drizzle-orm";
import type { PgColumn, PgTable } from "drizzle-orm/pg-core";
import type { Tx } from "./client";
import { arrayLiteral, groupByColumns, textOf } from "./column-rows";

/** What the rows are cast to from text: serial columns take an explicit value as their integer type. */
const castType = (column: PgColumn) => ({ serial: "integer", bigserial: "bigint", smallserial: "smallint" })[column.getSQLType()] ?? column.getSQLType();

/**
 * Inserts rows with one parameter per column, whatever their number: `INSERT … SELECT … FROM unnest($1::text[], …)`.
 * A multi-row VALUES list costs a bind parameter per value, and building and parsing thousands of them cost more than
 * the load itself; here each column is one text array, cast to the column's type by PostgreSQL. A property left
 * `undefined` takes the column's default, as with drizzle's insert: rows are grouped by the properties they set.
 * `suffix` is what follows (`ON CONFLICT …`, `RETURNING …`); the rows of every group come back in one list.
 */
export async function bulkInsert<T extends PgTable, R extends Record<string, unknown> = never>(
  tx: Tx,
  table: T,
  rows: readonly T["$inferInsert"][],
  suffix: SQL = sql``,
): Promise<R[]> {
  if (rows.length === 0) return [];
  const { columns, groups } = groupByColumns(table, rows as readonly Record<string, unknown>[]);
  const returned: R[] = [];
  for (const { keys, rows: group } of groups) {
    if (keys.length === 0) {
      for (let i = 0; i < group.length; i++) returned.push(...((await tx.execute(sql`INSERT INTO ${table} DEFAULT VALUES ${suffix}`)).rows as R[]));
      continue;
    }
    const names = keys.map((key) => sql.identifier(columns[key]!.name));
    const params = keys.map((key) => sql`${sql.param(arrayLiteral(group.map((row) => textOf(columns[key]!, row[key]))))}::text[]`);
    const aliases = keys.map((_, index) => sql.identifier(`c${index}`));
    const casts = keys.map((key, index) => sql`u.${sql.identifier(`c${index}`)}::${sql.raw(castType(columns[key]!))}`);
    const statement = sql`INSERT INTO ${table} (${sql.join(names, sql`, `)}) SELECT ${sql.join(casts, sql`, `)} FROM unnest(${sql.join(params, sql`, `)}) AS u(${sql.join(aliases, sql`, `)}) ${suffix}`;
    returned.push(...((await tx.execute(statement)).rows as R[]));
  }
  return returned;
}
