// The benchmarks' source, in a process of its own so that its gzip work is not counted as the worker's. Prints one
// JSON line when ready. By default a GitLab-shaped group of labels, milestones and epics (with parents) of realistic
// widths, exported in batches; with BENCH_FILE_MB, a source from before batched exports (16.1) whose group has one
// epics file of that many megabytes; with BENCH_REPOSITORY=<bare repository>, a group holding one project "app" with
// that repository and GitLab's complex project relations, and nothing of its own.
import { DEFAULT_TOKEN, generated, startTestSource } from "@/test/source";
import { prose } from "@/test/source/synthetic";

const stamp = (i: number) => new Date(Date.UTC(2024, 0, 1) + i * 1000).toISOString();
const fileMb = Number(process.env.BENCH_FILE_MB ?? 0);
// Descriptions of 300 to 2,000 bytes (1,000 to 4,000 in the long file), spread evenly.
const width = fileMb ? (i: number) => 1000 + ((i * 7919) % 3001) : (i: number) => 300 + ((i * 7919) % 1701);
// Every epic but the first of each ten has a parent a few places before it: a tree, as real epics form.
const epic = (i: number, groupId: number) => ({ id: 4_000_000 + i, iid: i + 1, group_id: groupId, author_id: 1, title: `epic-${i}`, description: prose(i, width(i)), state_id: "opened", state: "opened", confidential: false, relative_position: i * 100, created_at: stamp(i), updated_at: stamp(i), parent_id: i % 10 === 0 ? null : 4_000_000 + i - (i % 10), notes: [], award_emoji: [] });

const source = await startTestSource(fileMb ? { version: "16.1.0-ee", gzipLevel: 1 } : { version: "17.8.0-ee", exportDelayMs: 20, batchSize: 1000, gzipLevel: 1 });
const group = source.addGroup({ path: "bench" });
let records: number;
const repository = process.env.BENCH_REPOSITORY;
if (repository) {
  source.addProject({ groupId: group.id, path: "app", name: "App", fixtureProject: "complex", repository });
  records = 0;
} else if (fileMb) {
  const lineBytes = Array.from({ length: 1000 }, (_, i) => JSON.stringify(epic(i, group.id)).length + 1).reduce((a, b) => a + b) / 1000;
  records = Math.ceil((fileMb * 1024 * 1024) / lineBytes);
  source.setRelation(group.id, "epics", generated(records, (i) => epic(i, group.id)));
} else {
  const scale = Number(process.env.BENCH_RECORDS ?? 200_000);
  const counts = { labels: Math.round(scale / 2), milestones: Math.round(scale / 4), epics: Math.round(scale / 4) };
  source.setRelation(group.id, "labels", generated(counts.labels, (i) => ({ id: 1_000_000 + i, title: `label-${i}`, color: "#6699cc", description: prose(i, width(i)), created_at: stamp(i), updated_at: stamp(i), group_id: group.id, type: "GroupLabel", priorities: [], template: false })));
  source.setRelation(group.id, "milestones", generated(counts.milestones, (i) => ({ id: 2_000_000 + i, iid: i + 1, title: `milestone-${i}`, description: prose(i, width(i)), state: i % 3 ? "active" : "closed", created_at: stamp(i), updated_at: stamp(i), group_id: group.id })));
  source.setRelation(group.id, "epics", generated(counts.epics, (i) => epic(i, group.id)));
  records = counts.labels + counts.milestones + counts.epics;
}
console.log(JSON.stringify({ url: source.url, token: DEFAULT_TOKEN, group: group.path, records }));
process.on("SIGTERM", () => void source.close().then(() => process.exit(0)));
