import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import readline from "node:readline";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import type pg from "pg";
import { from as copyFrom, to as copyTo } from "pg-copy-streams";

interface Load {
  seconds: number;
  cpuSeconds: number;
}

/** An empty table of `table`'s shape: columns, defaults, indexes, checks, and its foreign keys to the same tables. */
async function emptyCopyOf(client: pg.ClientBase, table: string): Promise<string> {
  const copy = `bench_copy_${table}`;
  await client.query(`DROP TABLE IF EXISTS ${copy}`);
  await client.query(`CREATE TABLE ${copy} (LIKE ${table} INCLUDING ALL)`);
  const { rows: fks } = await client.query<{ def: string }>(`SELECT pg_get_constraintdef(oid) AS def FROM pg_constraint WHERE conrelid = $1::regclass AND contype = 'f'`, [table]);
  for (const [i, { def }] of fks.entries()) await client.query(`ALTER TABLE ${copy} ADD CONSTRAINT ${copy}_fk${i} ${def}`);
  await client.query("CHECKPOINT");
  return copy;
}

/** Times `load` and PostgreSQL's CPU in it. */
async function measured(measureCpu: () => number, load: () => Promise<void>): Promise<Load> {
  const cpuBefore = measureCpu();
  const started = performance.now();
  await load();
  return { seconds: (performance.now() - started) / 1000, cpuSeconds: measureCpu() - cpuBefore };
}

const CHUNK_ROWS = 1000;

/** The file's COPY lines, 1,000 at a time (a line is a row: COPY's text format escapes the newlines in values). */
async function* chunksOf(file: string): AsyncGenerator<string> {
  let lines: string[] = [];
  for await (const line of readline.createInterface({ input: fs.createReadStream(file), crlfDelay: Infinity })) {
    lines.push(line);
    if (lines.length === CHUNK_ROWS) {
      yield `${lines.join("\n")}\n`;
      lines = [];
    }
  }
  if (lines.length > 0) yield `${lines.join("\n")}\n`;
}

/**
 * PostgreSQL's own bulk load of exactly the rows an import wrote: each table's rows of the import go to a file with
 * COPY TO, then (timed) COPY FROM into an empty table of the same shape (columns, defaults, indexes, checks and
 * foreign keys). The physical limit Ferry's loading is measured against.
 *
 * `chunked` is the same load as an importer must make it, and as Ferry does: 1,000 rows a transaction (each one
 * committed, so that a crash loses none and a bad chunk fails alone), under a savepoint (so that a replayed chunk can
 * fall back to an INSERT that skips what is there). What it costs PostgreSQL beyond `whole` no importer that commits
 * as it goes can avoid.
 */
export async function copyBaseline(
  client: pg.ClientBase,
  tables: { table: string; where: string }[],
  measureCpu: () => number,
): Promise<{ rows: number; seconds: number; cpuSeconds: number; chunked: Load }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "ferry-bench-copy-"));
  let rows = 0;
  const whole: Load = { seconds: 0, cpuSeconds: 0 };
  const chunked: Load = { seconds: 0, cpuSeconds: 0 };
  const add = (sum: Load, load: Load) => {
    sum.seconds += load.seconds;
    sum.cpuSeconds += load.cpuSeconds;
  };
  try {
    for (const { table, where } of tables) {
      const file = path.join(dir, `${table}.copy`);
      await pipeline(client.query(copyTo(`COPY (SELECT * FROM ${table} WHERE ${where}) TO STDOUT`)), fs.createWriteStream(file));
      let copy = await emptyCopyOf(client, table);
      add(
        whole,
        await measured(measureCpu, async () => {
          const copied = client.query(copyFrom(`COPY ${copy} FROM STDIN`));
          await pipeline(fs.createReadStream(file), copied);
          rows += Number(copied.rowCount ?? 0);
        }),
      );
      copy = await emptyCopyOf(client, table);
      add(
        chunked,
        await measured(measureCpu, async () => {
          for await (const chunk of chunksOf(file)) {
            await client.query("BEGIN");
            await client.query("SAVEPOINT chunk");
            await pipeline(Readable.from([chunk]), client.query(copyFrom(`COPY ${copy} FROM STDIN`)));
            await client.query("RELEASE SAVEPOINT chunk");
            await client.query("COMMIT");
          }
        }),
      );
      await client.query(`DROP TABLE ${copy}`);
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
  return { rows, seconds: whole.seconds, cpuSeconds: whole.cpuSeconds, chunked };
}
