import type { ExportedRelation } from "./export-client";

/**
 * The fields of an exported record that name it on one instance (its id, its group's id...) rather than say what it
 * is: two instances holding the same group differ there and nowhere else.
 */
const IDENTITY: Record<string, string[]> = {
  // Where a group lands (its path, its parent) is the importing user's choice, not the group's data.
  self: ["id", "parent_id", "path"],
  labels: ["id", "group_id", "project_id"],
  milestones: ["id", "group_id", "project_id"],
  namespace_settings: [],
  badges: ["id", "group_id"],
  project_badges: ["id", "project_id"],
  custom_attributes: ["id", "project_id"],
  // A schedule's owner is a user each instance maps to its own account or placeholder.
  pipeline_schedules: ["id", "project_id", "owner_id"],
};

// Boards nest records of their instance at every level (lists, their label, milestone and board, scope labels), and
// point at users (assignee lists) that each instance maps to its own placeholders.
const NESTED_IDENTITY: Record<string, string[]> = {
  boards: ["id", "group_id", "project_id", "board_id", "label_id", "milestone_id", "iteration_id", "user_id", "assignee_id"],
  // Epic boards nest their lists, each with its label, and scope labels.
  epic_boards: ["id", "group_id"],
  // Epics nest their parent, notes, award emoji, events and labels, and name people (authors, their names) everywhere.
  // Releases nest their links and milestones; protected refs their access levels, whose users each instance maps.
  releases: ["id", "project_id", "release_id", "milestone_id", "author_id", "group_id"],
  protected_branches: ["id", "project_id", "protected_branch_id", "user_id"],
  protected_tags: ["id", "project_id", "protected_tag_id", "user_id"],
  epics: ["id", "group_id", "parent_id", "noteable_id", "awardable_id", "target_id", "label_id", "epic_id", "author_id", "user_id", "closed_by_id", "last_edited_by_id", "author"],
  // Issues nest notes, award emoji, events, labels, milestones, resource events, assignees, timelogs, Zoom meetings and
  // the epic they are in, and their designs and design versions (each action naming both), and name people (authors,
  // assignees, closers) everywhere.
  issues: [
    "id", "project_id", "group_id", "noteable_id", "awardable_id", "target_id", "label_id", "milestone_id", "issue_id", "epic_id", "parent_id",
    "author_id", "user_id", "closed_by_id", "updated_by_id", "last_edited_by_id", "author", "design_id", "version_id",
  ],
  // Merge requests nest notes (with their suggestions and diff files), award emoji, events, labels, milestones,
  // resource events, people (assignees, reviewers, approvers, metrics) and their diff (commits and files, each naming
  // the diff), and name people everywhere.
  merge_requests: [
    "id", "project_id", "source_project_id", "target_project_id", "noteable_id", "awardable_id", "target_id", "label_id", "milestone_id", "merge_request_id",
    "merge_request_diff_id", "note_id", "diff_note_id", "author_id", "user_id", "updated_by_id", "last_edited_by_id", "merge_user_id", "assignee_id",
    "merged_by_id", "latest_closed_by_id", "resolved_by_id", "author",
  ],
  // Pipelines nest their stages and jobs (each naming its pipeline and stage), and name users each instance maps.
  ci_pipelines: ["id", "project_id", "pipeline_id", "stage_id", "commit_id", "user_id"],
  // Commit notes name their authors, whom each instance maps to its own account or placeholder.
  commit_notes: ["id", "project_id", "author_id", "author", "awardable_id", "user_id"],
  // Snippets nest their notes and award emoji, and name their authors.
  snippets: ["id", "project_id", "noteable_id", "awardable_id", "author_id", "user_id", "author"],
};
const withoutDeep = (value: unknown, drop: string[]): unknown =>
  Array.isArray(value)
    ? value.map((v) => withoutDeep(v, drop))
    : value && typeof value === "object"
      ? Object.fromEntries(Object.entries(value).filter(([key]) => !drop.includes(key)).map(([key, v]) => [key, withoutDeep(v, drop)]))
      : value;

export function withoutIdentity(relation: string, record: Record<string, unknown>): Record<string, unknown> {
  if (NESTED_IDENTITY[relation]) return withoutDeep(record, NESTED_IDENTITY[relation]) as Record<string, unknown>;
  const drop = IDENTITY[relation] ?? ["id"];
  return Object.fromEntries(Object.entries(record).filter(([key]) => !drop.includes(key)));
}

/** A record's field names, nested objects' too: what two exports of different data still have in common. */
const shape = (value: unknown): unknown =>
  value && typeof value === "object" && !Array.isArray(value) ? Object.fromEntries(Object.entries(value).map(([k, v]) => [k, shape(v)])) : typeof value;

/**
 * A relation's records without identity fields, in a stable order (by iid, title or the whole record). Memberships
 * are people: the destination maps each source user to an account or a placeholder and makes the importing user
 * Owner, so the same group has other members there by design; only their records' shape is compared.
 */
export function comparable(relation: ExportedRelation): unknown[] {
  if (relation.relation === "members") return [...new Set(relation.records.map((r) => JSON.stringify(shape(r))))].sort();
  // Contributors are people too, each instance's own account or placeholder: one record per person, of one shape.
  if (relation.relation === "user_contributions") return relation.records.map((r) => JSON.stringify(shape(r))).sort();
  const key = (r: Record<string, unknown>) => (typeof r.iid === "number" ? String(r.iid).padStart(10, "0") : typeof r.title === "string" ? r.title : JSON.stringify(r));
  return relation.records.map((r) => withoutIdentity(relation.relation, r)).sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
}

type StoredRow = Record<"id" | "importEntityId" | "importKey", unknown> & { groupId?: unknown; projectId?: unknown; sourceAttributes: Record<string, unknown> };

/**
 * A row Ferry stored (a label, a milestone, an epic...) as any instance holding it would show it: without its own ids,
 * the import that wrote it, or the ids its source gave it.
 */
export function storedContent<T extends StoredRow>(row: T) {
  const { id: _id, groupId: _group, projectId: _project, importEntityId: _entity, importKey: _key, sourceAttributes, ...rest } = row;
  void [_id, _group, _project, _entity, _key];
  const { id: _sid, group_id: _sgroup, project_id: _sproject, ...attributes } = sourceAttributes;
  void [_sid, _sgroup, _sproject];
  return { ...rest, sourceAttributes: attributes };
}
