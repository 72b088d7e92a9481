// The benchmark's source, in a process of its own so that its gzip work is not counted as the worker's: a GitLab-
// shaped group of labels, milestones and epics (with parents) of realistic widths. Prints one JSON line when ready.
import { DEFAULT_TOKEN, generated, startTestSource } from "@/test/source";
import { prose } from "@/test/source/synthetic";

const scale = Number(process.env.BENCH_RECORDS ?? 200_000);
const counts = { labels: Math.round(scale / 2), milestones: Math.round(scale / 4), epics: Math.round(scale / 4) };
// Descriptions of 300 to 2,000 bytes, spread evenly.
const width = (i: number) => 300 + ((i * 7919) % 1701);
const stamp = (i: number) => new Date(Date.UTC(2024, 0, 1) + i * 1000).toISOString();

const source = await startTestSource({ version: "17.8.0-ee", exportDelayMs: 20, batchSize: 1000, gzipLevel: 1 });
const group = source.addGroup({ path: "bench" });
source.setRelation(group.id, "labels", generated(counts.labels, (i) => ({ id: 1_000_000 + i, title: `label-${i}`, color: "#6699cc", description: prose(i, width(i)), created_at: stamp(i), updated_at: stamp(i), group_id: group.id, type: "GroupLabel", priorities: [], template: false })));
source.setRelation(group.id, "milestones", generated(counts.milestones, (i) => ({ id: 2_000_000 + i, iid: i + 1, title: `milestone-${i}`, description: prose(i, width(i)), state: i % 3 ? "active" : "closed", created_at: stamp(i), updated_at: stamp(i), group_id: group.id })));
// Every epic but the first of each ten has a parent a few places before it: a tree, as real epics form.
source.setRelation(group.id, "epics", generated(counts.epics, (i) => ({ id: 4_000_000 + i, iid: i + 1, group_id: group.id, author_id: 1, title: `epic-${i}`, description: prose(i, width(i)), state_id: "opened", state: "opened", confidential: false, relative_position: i * 100, created_at: stamp(i), updated_at: stamp(i), parent_id: i % 10 === 0 ? null : 4_000_000 + i - (i % 10), notes: [], award_emoji: [] })));
console.log(JSON.stringify({ url: source.url, token: DEFAULT_TOKEN, group: group.path, records: counts.labels + counts.milestones + counts.epics }));
process.on("SIGTERM", () => void source.close().then(() => process.exit(0)));
