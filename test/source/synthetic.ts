import { generated, type RelationSource } from "./relation-source";

// Synthetic records follow the shapes of the fixture files (group_exports/complex), so the importer under test
// cannot tell them from a real export, only that there are many of them.

/**
 * Text of a realistic width: `bytes` of words (a description of hundreds to thousands of bytes, as real issues and
 * epics have), deterministic per index so that every run generates the same export.
 */
export function prose(index: number, bytes: number): string {
  const words = ["migration", "group", "label", "the", "of", "pipeline", "review", "merge", "request", "and", "deploy", "cluster", "for"];
  let text = `Record ${index}:`;
  for (let i = 0; text.length < bytes; i++) text += ` ${words[(index * 7 + i * 13) % words.length]}`;
  return text.slice(0, bytes);
}

const stamp = (index: number) => new Date(Date.UTC(2024, 0, 1) + index * 1000).toISOString();
const color = (index: number) => `#${((index * 2654435761) >>> 8).toString(16).padStart(6, "0").slice(-6)}`;

const makers: Record<string, (index: number, groupId: number) => unknown> = {
  labels: (i, groupId) => ({
    id: 1_000_000 + i,
    title: `label-${i}`,
    color: color(i),
    project_id: null,
    created_at: stamp(i),
    updated_at: stamp(i),
    template: false,
    description: `Synthetic label ${i}`,
    group_id: groupId,
    type: "GroupLabel",
    priorities: [],
    textColor: "#FFFFFF",
  }),
  milestones: (i, groupId) => ({
    id: 2_000_000 + i,
    title: `milestone-${i}`,
    project_id: null,
    description: `Synthetic milestone ${i}`,
    due_date: null,
    created_at: stamp(i),
    updated_at: stamp(i),
    state: i % 3 === 0 ? "closed" : "active",
    iid: i + 1,
    start_date: null,
    group_id: groupId,
  }),
  badges: (i, groupId) => ({
    id: 3_000_000 + i,
    link_url: `https://example.com/badges/${i}/%{default_branch}`,
    image_url: `https://example.com/badges/${i}.svg`,
    project_id: null,
    group_id: groupId,
    created_at: stamp(i),
    updated_at: stamp(i),
    type: "GroupBadge",
  }),
  epics: (i, groupId) => ({
    id: 4_000_000 + i,
    group_id: groupId,
    author_id: 1,
    iid: i + 1,
    title: `epic-${i}`,
    description: `Synthetic epic ${i}`,
    created_at: stamp(i),
    updated_at: stamp(i),
    state_id: "opened",
    state: "opened",
    confidential: false,
    relative_position: i * 100,
    notes: [],
    award_emoji: [],
  }),
  members: (i, groupId) => ({
    id: 5_000_000 + i,
    access_level: [10, 20, 30, 40][i % 4],
    source_id: groupId,
    source_type: "Namespace",
    user_id: 10_000 + i,
    notification_level: 3,
    created_at: stamp(i),
    updated_at: stamp(i),
    created_by_id: null,
    invite_email: null,
    invite_token: null,
    invite_accepted_at: null,
    requested_at: null,
    expires_at: null,
    ldap: false,
    override: false,
    user: { id: 10_000 + i, public_email: `user${i}@synthetic.example`, username: `synthetic-user-${i}` },
  }),
};

export const syntheticRelations = Object.keys(makers);

/** `count` made-up records of a relation (labels, milestones, badges, epics or members), generated on demand. */
export function syntheticRelation(relation: string, count: number, groupId: number): RelationSource {
  const make = makers[relation];
  if (!make) throw new Error(`No synthetic records for relation "${relation}"; use generated(count, make)`);
  return generated(count, (index) => make(index, groupId));
}
