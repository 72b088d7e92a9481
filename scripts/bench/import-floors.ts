import zlib from "node:zlib";
import type pg from "pg";
import { from as copyFrom } from "pg-copy-streams";
import { pipeline } from "node:stream/promises";
import { Readable } from "node:stream";
import { COPY_PIECE_CHARS, escapeCopyField } from "@/lib/db";
import { epicRecord, groupRecordCounts, labelRecord, milestoneRecord } from "./group-records";

const BATCH = 1000;
const make = { labels: labelRecord, milestones: milestoneRecord, epics: epicRecord };
type Relation = keyof typeof make;

/**
 * The export's batch files of a tenth of bench:import's group (each relation in its share, whose widths spread as the
 * whole's do), gzipped as the source gzips them.
 */
function batchFiles(scale: number): { files: { relation: Relation; gz: Buffer }[]; records: number } {
  const counts = groupRecordCounts(Math.max(BATCH * 4, Math.round(scale / 10)));
  const files: { relation: Relation; gz: Buffer }[] = [];
  let records = 0;
  for (const [relation, count] of Object.entries(counts) as [Relation, number][]) {
    for (let start = 0; start < count; start += BATCH) {
      const lines = Array.from({ length: Math.min(BATCH, count - start) }, (_, k) => JSON.stringify(make[relation](start + k, 1)));
      files.push({ relation, gz: zlib.gzipSync(lines.join("\n") + "\n", { level: 1 }) });
      records += lines.length;
    }
  }
  return { files, records };
}

const parsed = (gz: Buffer) =>
  zlib
    .gunzipSync(gz)
    .toString("utf8")
    .split("\n")
    .filter(Boolean)
    .map((line) => JSON.parse(line) as Record<string, unknown>);

/** The best of three rounds, in CPU µs per record: the floor is what the machine can do, not what it did while busy. */
async function bestOfThree(records: number, round: () => Promise<number>): Promise<number> {
  let best = Infinity;
  for (let i = 0; i < 3; i++) {
    const before = process.cpuUsage();
    const done = await round();
    const used = process.cpuUsage(before);
    if (done !== records) throw new Error(`handled ${done} of ${records} records`);
    best = Math.min(best, (used.user + used.system) / records);
  }
  return best;
}

/**
 * The least CPU any importer spends per record of bench:import's group before it loads anything: gunzip the export's
 * batch files and JSON.parse every line, on one core. What the worker spends above it is Ferry's.
 */
export async function readFloorMicroseconds(scale: number): Promise<number> {
  const { files, records } = batchFiles(scale);
  return bestOfThree(records, async () => files.reduce((sum, file) => sum + parsed(file.gz).length, 0));
}

function field(value: unknown): string {
  if (value === null || value === undefined) return "\\N";
  const text = typeof value === "string" ? value : typeof value === "object" ? JSON.stringify(value) : String(value);
  return escapeCopyField(text);
}

/**
 * The least a Node importer that commits as it goes spends on its own side, by the same measure as the worker's CPU:
 * read as above, hold a batch's records, write each record's fields as COPY text (no mapping, no checks) and send
 * them with COPY in a committed transaction under a savepoint, a batch at a time. They go to temporary tables of text
 * columns; PostgreSQL's side of the load is not counted here (the chunked COPY baseline is that).
 */
export async function loadFloorMicroseconds(client: pg.ClientBase, scale: number): Promise<number> {
  const { files, records } = batchFiles(scale);
  const widths = new Map<Relation, number>();
  for (const { relation, gz } of files) widths.set(relation, Math.max(widths.get(relation) ?? 0, ...parsed(gz).map((r) => Object.keys(r).length)));
  for (const [relation, width] of widths) {
    await client.query(`CREATE TEMP TABLE IF NOT EXISTS floor_${relation} (${Array.from({ length: width }, (_, i) => `c${i} text`).join(", ")})`);
  }
  try {
    return await bestOfThree(records, async () => {
      let done = 0;
      for (const { relation, gz } of files) {
        const rows = parsed(gz);
        const width = widths.get(relation)!;
        // In pieces, as copyRows sends them: larger strings cost far more to encode (copy-rows.ts).
        const pieces: string[] = [];
        let text = "";
        for (const row of rows) {
          const values = Object.values(row);
          for (let i = 0; i < width; i++) text += (i === 0 ? "" : "\t") + field(values[i]);
          text += "\n";
          if (text.length >= COPY_PIECE_CHARS) {
            pieces.push(text);
            text = "";
          }
        }
        if (text) pieces.push(text);
        await client.query("BEGIN");
        await client.query("SAVEPOINT chunk");
        await pipeline(Readable.from(pieces), client.query(copyFrom(`COPY floor_${relation} FROM STDIN`)));
        await client.query("RELEASE SAVEPOINT chunk");
        await client.query("COMMIT");
        done += rows.length;
      }
      return done;
    });
  } finally {
    for (const relation of widths.keys()) await client.query(`DROP TABLE IF EXISTS floor_${relation}`);
  }
}
