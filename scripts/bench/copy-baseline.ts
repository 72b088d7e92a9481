import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { pipeline } from "node:stream/promises";
import type pg from "pg";
import { from as copyFrom, to as copyTo } from "pg-copy-streams";

/**
 * PostgreSQL's own bulk load of exactly the rows an import wrote: each table's rows of the import go to a file with
 * COPY TO, then (timed) COPY FROM into an empty table of the same shape (columns, defaults, indexes, checks and
 * foreign keys). The physical limit Ferry's loading is measured against.
 */
export async function copyBaseline(client: pg.ClientBase, tables: { table: string; where: string }[], measureCpu: () => number): Promise<{ rows: number; seconds: number; cpuSeconds: number }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "ferry-bench-copy-"));
  let rows = 0;
  let seconds = 0;
  let cpuSeconds = 0;
  try {
    for (const { table, where } of tables) {
      const file = path.join(dir, `${table}.copy`);
      await pipeline(client.query(copyTo(`COPY (SELECT * FROM ${table} WHERE ${where}) TO STDOUT`)), fs.createWriteStream(file));
      const copy = `bench_copy_${table}`;
      await client.query(`DROP TABLE IF EXISTS ${copy}`);
      await client.query(`CREATE TABLE ${copy} (LIKE ${table} INCLUDING ALL)`);
      const { rows: fks } = await client.query<{ def: string }>(`SELECT pg_get_constraintdef(oid) AS def FROM pg_constraint WHERE conrelid = $1::regclass AND contype = 'f'`, [table]);
      for (const [i, { def }] of fks.entries()) await client.query(`ALTER TABLE ${copy} ADD CONSTRAINT ${copy}_fk${i} ${def}`);
      await client.query("CHECKPOINT");
      const cpuBefore = measureCpu();
      const started = performance.now();
      const copied = client.query(copyFrom(`COPY ${copy} FROM STDIN`));
      await pipeline(fs.createReadStream(file), copied);
      seconds += (performance.now() - started) / 1000;
      cpuSeconds += measureCpu() - cpuBefore;
      rows += Number(copied.rowCount ?? 0);
      await client.query(`DROP TABLE ${copy}`);
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
  return { rows, seconds, cpuSeconds };
}
