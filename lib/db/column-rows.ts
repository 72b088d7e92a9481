import { getTableColumns } from "drizzle-orm";
import type { PgColumn, PgTable } from "drizzle-orm/pg-core";

// Rows of a drizzle table as PostgreSQL's text input, for the bulk loaders (bulk-insert, copy-rows): each value goes
// through its column's own driver mapping (dates, JSON) and then becomes the text PostgreSQL casts from.

/** An element of a PostgreSQL array literal: quoted, with its quotes and backslashes escaped (most text has none). */
function element(item: unknown): string {
  if (item === null || item === undefined) return "NULL";
  const text = String(item);
  return text.includes('"') || text.includes("\\") ? `"${text.replace(/[\\"]/g, "\\$&")}"` : `"${text}"`;
}

/** A PostgreSQL array literal of text elements, as the array input syntax wants them. */
export function arrayLiteral(items: readonly unknown[]): string {
  return `{${items.map(element).join(",")}}`;
}

const twoDigits = (n: number) => (n < 10 ? `0${n}` : `${n}`);

/**
 * What `toISOString` writes, without its printf: a third of the time, and COPY writes two or three timestamps a row.
 * Years outside 0–9999 (and an invalid Date, which throws) are left to `toISOString`.
 */
export function isoText(date: Date): string {
  const year = date.getUTCFullYear();
  if (!(year >= 0 && year <= 9999)) return date.toISOString();
  const ms = date.getUTCMilliseconds();
  return (
    `${String(year).padStart(4, "0")}-${twoDigits(date.getUTCMonth() + 1)}-${twoDigits(date.getUTCDate())}` +
    `T${twoDigits(date.getUTCHours())}:${twoDigits(date.getUTCMinutes())}:${twoDigits(date.getUTCSeconds())}.${ms < 10 ? "00" : ms < 100 ? "0" : ""}${ms}Z`
  );
}

/** One value as the text PostgreSQL casts from: the column's own driver mapping (dates, JSON), then text. */
export function textOf(column: PgColumn, value: unknown): string | null {
  if (value === null || value === undefined) return null;
  // A timestamp column's mapping is toISOString: the same text, made faster.
  if (value instanceof Date && column.columnType === "PgTimestamp") return isoText(value);
  const driver = column.mapToDriverValue(value);
  if (driver === null || driver === undefined) return null;
  if (typeof driver === "string") return driver;
  if (typeof driver === "boolean") return driver ? "t" : "f";
  if (typeof driver === "number" || typeof driver === "bigint") return String(driver);
  if (driver instanceof Date) return isoText(driver);
  if (Array.isArray(driver)) return arrayLiteral(driver);
  return JSON.stringify(driver);
}

/** Rows that set the same columns, with those columns (by property name). */
export interface ColumnGroup {
  keys: string[];
  rows: Record<string, unknown>[];
}

/**
 * The rows grouped by the properties they set: a property left `undefined` takes the column's default, as with
 * drizzle's insert, so rows that leave out different columns are loaded apart. Properties that are not columns are
 * ignored.
 */
export function groupByColumns(table: PgTable, rows: readonly Record<string, unknown>[]): { columns: Record<string, PgColumn>; groups: ColumnGroup[] } {
  const columns = getTableColumns(table) as Record<string, PgColumn>;
  const groups = new Map<string, ColumnGroup>();
  let last: ColumnGroup | undefined;
  for (const row of rows) {
    // A chunk's rows nearly always set what the row before set: checked in place, without a key list per row.
    if (last && setsExactly(row, last.keys, columns)) {
      last.rows.push(row);
      continue;
    }
    const keys = Object.keys(row).filter((key) => row[key] !== undefined && key in columns);
    const signature = keys.join("\u0000");
    last = groups.get(signature);
    if (last) last.rows.push(row);
    else groups.set(signature, (last = { keys, rows: [row] }));
  }
  return { columns, groups: [...groups.values()] };
}

/** Whether the columns `row` sets are `keys`, in that order (the order its COPY line is written in does not matter). */
function setsExactly(row: Record<string, unknown>, keys: readonly string[], columns: Record<string, PgColumn>): boolean {
  let set = 0;
  for (const key in row) if (row[key] !== undefined && key in columns) set += 1;
  if (set !== keys.length) return false;
  for (const key of keys) if (row[key] === undefined) return false;
  return true;
}
