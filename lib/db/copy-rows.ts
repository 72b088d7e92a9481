import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { getTableConfig, type PgTable } from "drizzle-orm/pg-core";
import type pg from "pg";
import { from as copyFrom } from "pg-copy-streams";
import type { Tx } from "./client";
import { groupByColumns, textOf } from "./column-rows";

// COPY's text format: one line per row, a tab between columns, `\N` for NULL, and backslash escapes for what would
// end a field or a line. One pass per character kind: a replace with a callback per match costs more than four scans.
const NEEDS_ESCAPE = /[\\\t\n\r]/;
/** A value's text as one field of COPY's text format. */
export const escapeCopyField = (text: string) =>
  NEEDS_ESCAPE.test(text) ? text.replace(/\\/g, "\\\\").replace(/\t/g, "\\t").replace(/\n/g, "\\n").replace(/\r/g, "\\r") : text;
// Lines are handed to the connection in pieces of about this size: a chunk of records is never one string. Not larger:
// a string or Buffer past V8's and malloc's large-object sizes (~128 KiB) is fresh memory each time, paged in and
// zeroed by the kernel, and a 1 MiB piece cost 9 µs a row to encode where a 64 KiB one costs 1.5.
export const COPY_PIECE_CHARS = 1 << 16;

const quoted = (name: string) => `"${name.replace(/"/g, '""')}"`;

/** The connection a drizzle transaction runs on: COPY needs the driver's client itself. */
function clientOf(tx: Tx): pg.ClientBase {
  const client = (tx as unknown as { session?: { client?: pg.ClientBase } }).session?.client;
  if (!client || typeof client.query !== "function") throw new Error("copyRows needs a node-postgres transaction");
  return client;
}

/**
 * Loads rows into `table` with COPY … FROM STDIN, inside the transaction: PostgreSQL's own bulk load, with none of the
 * statement's per-row work (no parameters, no ON CONFLICT probe). A property left `undefined` takes the column's
 * default, as with drizzle's insert. Any conflict or bad value fails the whole COPY, so callers that may meet rows
 * already there (a replayed chunk) run it under a savepoint and fall back to an INSERT that skips them.
 */
export async function copyRows<T extends PgTable>(tx: Tx, table: T, rows: readonly T["$inferInsert"][]): Promise<void> {
  if (rows.length === 0) return;
  const client = clientOf(tx);
  const { name, schema } = getTableConfig(table);
  const target = schema ? `${quoted(schema)}.${quoted(name)}` : quoted(name);
  const { columns, groups } = groupByColumns(table, rows as readonly Record<string, unknown>[]);
  for (const { keys, rows: group } of groups) {
    // COPY names at least one column: a row of nothing but defaults is bulkInsert's (no importer makes one).
    if (keys.length === 0) throw new Error(`copyRows needs rows that set at least one column of ${name}`);
    const list = keys.map((key) => quoted(columns[key]!.name)).join(", ");
    const fields = keys.map((key) => columns[key]!);
    function* pieces() {
      let piece = "";
      for (const row of group) {
        // Field by field onto the piece: no array of a row's texts to join (this runs once per imported row).
        for (let i = 0; i < fields.length; i++) {
          const text = textOf(fields[i]!, row[keys[i]!]);
          piece += (i === 0 ? "" : "\t") + (text === null ? "\\N" : escapeCopyField(text));
        }
        piece += "\n";
        if (piece.length >= COPY_PIECE_CHARS) {
          yield piece;
          piece = "";
        }
      }
      if (piece) yield piece;
    }
    await pipeline(Readable.from(pieces()), client.query(copyFrom(`COPY ${target} (${list}) FROM STDIN`)));
  }
}
