import { getTableColumns, sql, type SQL } from "drizzle-orm";
import type { PgColumn, PgTable } from "drizzle-orm/pg-core";
import type { Tx } from "./client";

/** What the rows are cast to from text: serial columns take an explicit value as their integer type. */
const castType = (column: PgColumn) => ({ serial: "integer", bigserial: "bigint", smallserial: "smallint" })[column.getSQLType()] ?? column.getSQLType();

/** An element of a PostgreSQL array literal: quoted, with its quotes and backslashes escaped (most text has none). */
function element(item: unknown): string {
  if (item === null || item === undefined) return "NULL";
  const text = String(item);
  return text.includes('"') || text.includes("\\") ? `"${text.replace(/[\\"]/g, "\\$&")}"` : `"${text}"`;
}

/** A PostgreSQL array literal of text elements, as the array input syntax wants them. */
function arrayLiteral(items: readonly unknown[]): string {
  return `{${items.map(element).join(",")}}`;
}

/** One value as the text PostgreSQL casts from: the column's own driver mapping (dates, JSON), then text. */
function textOf(column: PgColumn, value: unknown): string | null {
  if (value === null || value === undefined) return null;
  const driver = column.mapToDriverValue(value);
  if (driver === null || driver === undefined) return null;
  if (typeof driver === "string") return driver;
  if (typeof driver === "boolean") return driver ? "t" : "f";
  if (typeof driver === "number" || typeof driver === "bigint") return String(driver);
  if (driver instanceof Date) return driver.toISOString();
  if (Array.isArray(driver)) return arrayLiteral(driver);
  return JSON.stringify(driver);
}

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
  const columns = getTableColumns(table) as Record<string, PgColumn>;
  const groups = new Map<string, Record<string, unknown>[]>();
  for (const row of rows as Record<string, unknown>[]) {
    const keys = Object.keys(row).filter((key) => row[key] !== undefined && key in columns);
    const signature = keys.join("\u0000");
    const group = groups.get(signature);
    if (group) group.push(row);
    else groups.set(signature, [row]);
  }
  const returned: R[] = [];
  for (const [signature, group] of groups) {
    const keys = signature ? signature.split("\u0000") : [];
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
