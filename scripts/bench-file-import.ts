// `npm run bench:file-import`: the archive half of a group import by file, on a generated GitLab group export of
// BENCH_ARCHIVE_MB decompressed megabytes (default 300; BENCH_GROUPS groups, default 20, of label-like records).
// Printed in one run: `tar -xzf` of the archive (the floor: what GitLab itself does first), Ferry's checking scan
// (decompress, check every member, write the relation store and its index), and reading every relation back as the
// engine does (gzip, gunzip, split lines, parse); MB/s of decompressed data, records/s, ratios, and peak RSS.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import zlib from "node:zlib";
import { spawnSync } from "node:child_process";
import { pipeline } from "node:stream/promises";
import { pack as tarPack } from "tar-stream";
import { readStoredRelation, scanGroupArchive } from "@/lib/migration";

const MB = 1024 * 1024;
const TOTAL_MB = Number(process.env.BENCH_ARCHIVE_MB ?? 300);
const GROUPS = Number(process.env.BENCH_GROUPS ?? 20);
const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "ferry-bench-file-import-"));
const archive = path.join(scratch, "export.tar.gz");
const peakRss = () => Number(/VmHWM:\s+(\d+)/.exec(fs.readFileSync("/proc/self/status", "utf8"))![1]) * 1024;

function labelsOf(group: number, bytes: number): { data: Buffer; count: number } {
  const lines: string[] = [];
  let size = 0;
  for (let i = 0; size < bytes; i++) {
    const line = `${JSON.stringify({ id: group * 10_000_000 + i, title: `label ${group}-${i}`, color: "#6699cc", description: `A label of group ${group}, number ${i}, with some words to make it as long as real ones are.`, type: "GroupLabel", created_at: "2024-01-02T03:04:05.000Z", updated_at: "2024-01-02T03:04:05.000Z", priorities: [] })}\n`;
    size += line.length;
    lines.push(line);
  }
  return { data: Buffer.from(lines.join("")), count: lines.length };
}

// Generate: members streamed into tar and gzip, one group's labels at a time.
let records = 0;
{
  const pack = tarPack();
  const writing = pipeline(pack, zlib.createGzip({ level: 6 }), fs.createWriteStream(archive));
  const add = (name: string, data: Buffer) => new Promise<void>((resolve, reject) => pack.entry({ name, size: data.length }, data, (e) => (e ? reject(e) : resolve())));
  await add("./VERSION", Buffer.from("0.2.4"));
  await add("./GITLAB_VERSION", Buffer.from("17.5.1-ee"));
  await add("./tree/groups/_all.ndjson", Buffer.from(Array.from({ length: GROUPS }, (_, i) => `${i + 1}\n`).join("")));
  for (let g = 1; g <= GROUPS; g++) {
    await add(`./tree/groups/${g}.json`, Buffer.from(JSON.stringify({ id: g, name: `Group ${g}`, path: `group-${g}`, parent_id: g === 1 ? null : 1, visibility_level: 0 })));
    const labels = labelsOf(g, (TOTAL_MB * MB) / GROUPS);
    records += labels.count;
    await add(`./tree/groups/${g}/labels.ndjson`, labels.data);
  }
  pack.finalize();
  await writing;
}
const compressed = fs.statSync(archive).size;
const rawBytes = Number(spawnSync("sh", ["-c", `gzip -dc '${archive}' | wc -c`], { encoding: "utf8" }).stdout.trim());

const time = async (run: () => Promise<unknown> | unknown) => {
  const start = performance.now();
  await run();
  return (performance.now() - start) / 1000;
};

const extractDir = path.join(scratch, "extracted");
fs.mkdirSync(extractDir);
const tarSeconds = await time(() => spawnSync("tar", ["-xzf", archive, "-C", extractDir]));
fs.rmSync(extractDir, { recursive: true, force: true });

// The generator held a group's records (a 20th of the archive) in memory: its peak is not the scan's. Linux resets
// the peak to the current size when "5" is written to clear_refs, and what the generator left unfreed is in "before".
fs.writeFileSync("/proc/self/clear_refs", "5");
const rssBefore = peakRss();
let index: Awaited<ReturnType<typeof scanGroupArchive>> | undefined;
const scanSeconds = await time(async () => {
  index = await scanGroupArchive(archive, path.join(scratch, "store"), { maxDecompressedBytes: 25_600 * MB, maxLineBytes: 50 * MB });
});
const rssScan = peakRss();

// What the engine does with each relation: the archive source's gzipped download, gunzipped and split into records.
let read = 0;
const readSeconds = await time(async () => {
  for (const group of index!.groups) {
    for (const stored of Object.values(group.relations)) {
      let rest = "";
      const lines = readStoredRelation(path.join(scratch, "store"), stored).pipe(zlib.createGzip({ level: 1 })).pipe(zlib.createGunzip());
      for await (const chunk of lines as AsyncIterable<Buffer>) {
        const parts = (rest + chunk.toString("utf8")).split("\n");
        rest = parts.pop()!;
        for (const line of parts) {
          if (!line) continue;
          JSON.parse(line);
          read += 1;
        }
      }
    }
  }
});
const rssRead = peakRss();
fs.rmSync(scratch, { recursive: true, force: true });

const mb = rawBytes / MB;
const rate = (seconds: number) => `${(mb / seconds).toFixed(1)} MB/s`;
console.log(`archive: ${(compressed / MB).toFixed(1)} MB gzipped, ${mb.toFixed(1)} MB decompressed, ${GROUPS} groups, ${records} records`);
console.log(`tar -xzf:            ${tarSeconds.toFixed(2)} s  ${rate(tarSeconds)}`);
console.log(`Ferry scan + store:  ${scanSeconds.toFixed(2)} s  ${rate(scanSeconds)}  ${Math.round(records / scanSeconds)} records/s  ${(scanSeconds / tarSeconds).toFixed(2)}x tar -xzf`);
console.log(`engine read-back:    ${readSeconds.toFixed(2)} s  ${rate(readSeconds)}  ${Math.round(read / readSeconds)} records/s (gzip 1 + gunzip + parse)`);
console.log(`RSS: ${(rssBefore / MB).toFixed(0)} MB before the scan; peak ${(rssScan / MB).toFixed(0)} MB by the end of the scan, ${(rssRead / MB).toFixed(0)} MB by the end of the read-back`);
if (read !== records + GROUPS || index!.groups.length !== GROUPS) throw new Error(`read ${read} of ${records} records`);
