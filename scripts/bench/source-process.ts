// The benchmarks' source, in a process of its own so that its gzip work is not counted as the worker's. Prints one
// JSON line when ready. By default a GitLab-shaped group of labels, milestones and epics (with parents) of realistic
// widths, exported in batches; with BENCH_FILE_MB, a source from before batched exports (16.1) whose group has one
// epics file of that many megabytes; with BENCH_REPOSITORY=<bare repository>, a group holding one project "app" with
// that repository and GitLab's complex project relations, and nothing of its own.
import { DEFAULT_TOKEN, generated, startTestSource } from "@/test/source";
import { epicRecord, groupRecordCounts, labelRecord, milestoneRecord } from "./group-records";

const fileMb = Number(process.env.BENCH_FILE_MB ?? 0);
const BATCH_SIZE = 1000;
const EXPORT_DELAY_MS = 20;

const source = await startTestSource(fileMb ? { version: "16.1.0-ee", gzipLevel: 1 } : { version: "17.8.0-ee", exportDelayMs: EXPORT_DELAY_MS, batchSize: BATCH_SIZE, gzipLevel: 1, keepDownloads: true });
const group = source.addGroup({ path: "bench" });
let records: number;
const repository = process.env.BENCH_REPOSITORY;
if (repository) {
  source.addProject({ groupId: group.id, path: "app", name: "App", fixtureProject: "complex", repository });
  records = 0;
} else if (fileMb) {
  const lineBytes = Array.from({ length: 1000 }, (_, i) => JSON.stringify(epicRecord(i, group.id, true)).length + 1).reduce((a, b) => a + b) / 1000;
  records = Math.ceil((fileMb * 1024 * 1024) / lineBytes);
  source.setRelation(group.id, "epics", generated(records, (i) => epicRecord(i, group.id, true)));
} else {
  const scale = Number(process.env.BENCH_RECORDS ?? 200_000);
  const counts = groupRecordCounts(scale);
  source.setRelation(group.id, "labels", generated(counts.labels, (i) => labelRecord(i, group.id)));
  source.setRelation(group.id, "milestones", generated(counts.milestones, (i) => milestoneRecord(i, group.id)));
  source.setRelation(group.id, "epics", generated(counts.epics, (i) => epicRecord(i, group.id)));
  records = counts.labels + counts.milestones + counts.epics;
  await makeDownloads(group.id, counts);
}
/**
 * Exports the group once and downloads every batch, so that the source keeps each file (keepDownloads) before the
 * first import, as a GitLab source has its export's files written before they are downloaded.
 */
async function makeDownloads(groupId: number, counts: Record<string, number>): Promise<void> {
  const api = `${source.url}/api/v4/groups/${groupId}/export_relations`;
  const headers = { "PRIVATE-TOKEN": DEFAULT_TOKEN };
  const started = await fetch(`${api}?batched=true`, { method: "POST", headers });
  if (started.status !== 202) throw new Error(`the source's export answered ${started.status}`);
  await new Promise((resolve) => setTimeout(resolve, EXPORT_DELAY_MS * 5));
  for (const [relation, count] of Object.entries(counts)) {
    for (let batch = 1; batch <= Math.ceil(count / BATCH_SIZE); batch++) {
      const download = await fetch(`${api}/download?relation=${relation}&batched=true&batch_number=${batch}`, { headers });
      if (download.status !== 200) throw new Error(`the source's ${relation} batch ${batch} answered ${download.status}`);
      await download.arrayBuffer();
    }
  }
}

console.log(JSON.stringify({ url: source.url, token: DEFAULT_TOKEN, group: group.path, records }));
process.on("SIGTERM", () => void source.close().then(() => process.exit(0)));
