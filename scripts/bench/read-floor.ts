import zlib from "node:zlib";
import { epicRecord, groupRecordCounts, labelRecord, milestoneRecord } from "./group-records";

const BATCH = 1000;

/**
 * The least CPU any importer spends per record of bench:import's group before it loads anything: gunzip the export's
 * batch files (as the source gzips them) and JSON.parse every line, on one core. Measured on a tenth of the records,
 * each relation in its share, whose widths spread as the whole's do. What the worker spends above it is Ferry's.
 */
export function readFloorMicroseconds(scale: number): number {
  const counts = groupRecordCounts(Math.max(BATCH * 4, Math.round(scale / 10)));
  const make = { labels: labelRecord, milestones: milestoneRecord, epics: epicRecord };
  const files: Buffer[] = [];
  let records = 0;
  for (const [relation, count] of Object.entries(counts) as [keyof typeof make, number][]) {
    for (let start = 0; start < count; start += BATCH) {
      const lines = Array.from({ length: Math.min(BATCH, count - start) }, (_, k) => JSON.stringify(make[relation](start + k, 1)));
      files.push(zlib.gzipSync(lines.join("\n") + "\n", { level: 1 }));
      records += lines.length;
    }
  }
  let best = Infinity;
  // The best of three: the floor is what the machine can do, not what it did while busy.
  for (let round = 0; round < 3; round++) {
    const before = process.cpuUsage();
    let parsed = 0;
    for (const file of files) {
      for (const line of zlib.gunzipSync(file).toString("utf8").split("\n")) if (line) parsed += JSON.parse(line) ? 1 : 0;
    }
    const used = process.cpuUsage(before);
    if (parsed !== records) throw new Error(`read ${parsed} of ${records} records`);
    best = Math.min(best, (used.user + used.system) / records);
  }
  return best;
}
