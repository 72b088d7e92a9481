// The records of bench:import's GitLab-shaped group, for the source that serves them and for the floor the benchmark
// measures (reading them back, as a worker must).
import { prose } from "@/test/source/synthetic";

const stamp = (i: number) => new Date(Date.UTC(2024, 0, 1) + i * 1000).toISOString();
// Descriptions of 300 to 2,000 bytes (1,000 to 4,000 in the long file), spread evenly.
const width = (long: boolean) => (long ? (i: number) => 1000 + ((i * 7919) % 3001) : (i: number) => 300 + ((i * 7919) % 1701));

/** Half labels, a quarter milestones, a quarter epics, of `scale` records in all. */
export function groupRecordCounts(scale: number) {
  return { labels: Math.round(scale / 2), milestones: Math.round(scale / 4), epics: Math.round(scale / 4) };
}

export const labelRecord = (i: number, groupId: number) => ({
  id: 1_000_000 + i,
  title: `label-${i}`,
  color: "#6699cc",
  description: prose(i, width(false)(i)),
  created_at: stamp(i),
  updated_at: stamp(i),
  group_id: groupId,
  type: "GroupLabel",
  priorities: [],
  template: false,
});

export const milestoneRecord = (i: number, groupId: number) => ({
  id: 2_000_000 + i,
  iid: i + 1,
  title: `milestone-${i}`,
  description: prose(i, width(false)(i)),
  state: i % 3 ? "active" : "closed",
  created_at: stamp(i),
  updated_at: stamp(i),
  group_id: groupId,
});

/** Every epic but the first of each ten has a parent a few places before it: a tree, as real epics form. */
export const epicRecord = (i: number, groupId: number, long = false) => ({
  id: 4_000_000 + i,
  iid: i + 1,
  group_id: groupId,
  author_id: 1,
  title: `epic-${i}`,
  description: prose(i, width(long)(i)),
  state_id: "opened",
  state: "opened",
  confidential: false,
  relative_position: i * 100,
  created_at: stamp(i),
  updated_at: stamp(i),
  parent_id: i % 10 === 0 ? null : 4_000_000 + i - (i % 10),
  notes: [],
  award_emoji: [],
});
