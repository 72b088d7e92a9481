import { eq, inArray, sql, type SQL } from "drizzle-orm";
import { getDb, labels, milestones, notes, resourceLabelEvents, resourceMilestoneEvents, resourceStateEvents, users } from "@/lib/db";
import type { EpicRow, UserSummary } from "@/lib/groups";
import type { Label } from "./labels";
import type { Milestone } from "./milestones";
import { author, epicRef, selectNotes, noteableNotesSql, withAwards, type NoteableRef, type NoteRow } from "./notes";

export interface StateEventRow {
  id: number;
  state: string;
  createdAt: Date;
  user: UserSummary | null;
}

export interface LabelChangeRow {
  id: number;
  action: "add" | "remove";
  /** Null when the label was deleted since. */
  label: Label | null;
  createdAt: Date;
  user: UserSummary | null;
}

export interface MilestoneChangeRow {
  id: number;
  action: "add" | "remove";
  milestone: Pick<Milestone, "id" | "iid" | "title" | "projectId" | "groupId"> | null;
  createdAt: Date;
  user: UserSummary | null;
}

/**
 * One entry of a noteable's activity: a note (comment or system note), or a resource event GitLab draws as the system
 * note it stands for (state changed, label added or removed, milestone changed).
 */
export type ActivityItem =
  | { kind: "note"; note: NoteRow }
  | { kind: "state"; event: StateEventRow }
  | { kind: "label"; event: LabelChangeRow }
  | { kind: "milestone"; event: MilestoneChangeRow };

type EventKind = Exclude<ActivityItem["kind"], "note">;

/** The resource event tables' column naming the noteable: each has a partial index on it and created_at. */
function eventTarget(ref: NoteableRef) {
  return ref.noteableType === "Epic"
    ? { state: resourceStateEvents.epicId, label: null, milestone: null }
    : { state: resourceStateEvents.issueId, label: resourceLabelEvents.issueId, milestone: resourceMilestoneEvents.issueId };
}

function timelineSql(ref: NoteableRef): SQL {
  const target = eventTarget(ref);
  const parts: SQL[] = [
    sql`SELECT 'note' AS kind, ${notes.id} AS id, ${notes.createdAt} AS created_at,
      min(${notes.createdAt}) OVER (PARTITION BY coalesce(${notes.discussionId}, 'note:' || ${notes.id})) AS thread_start
    FROM ${notes} WHERE ${noteableNotesSql(ref)}`,
    sql`SELECT 'state', ${resourceStateEvents.id}, ${resourceStateEvents.createdAt}, ${resourceStateEvents.createdAt}
    FROM ${resourceStateEvents} WHERE ${target.state} = ${ref.noteableId}`,
  ];
  if (target.label) {
    parts.push(sql`SELECT 'label', ${resourceLabelEvents.id}, ${resourceLabelEvents.createdAt}, ${resourceLabelEvents.createdAt}
    FROM ${resourceLabelEvents} WHERE ${target.label} = ${ref.noteableId}`);
  }
  if (target.milestone) {
    parts.push(sql`SELECT 'milestone', ${resourceMilestoneEvents.id}, ${resourceMilestoneEvents.createdAt}, ${resourceMilestoneEvents.createdAt}
    FROM ${resourceMilestoneEvents} WHERE ${target.milestone} = ${ref.noteableId}`);
  }
  return sql.join(parts, sql` UNION ALL `);
}

/** The events of one kind by id, with their users (and labels, milestones). */
async function eventsById(kind: EventKind, ids: number[]): Promise<Map<number, ActivityItem>> {
  if (ids.length === 0) return new Map();
  const db = getDb();
  if (kind === "state") {
    const rows = await db
      .select({ id: resourceStateEvents.id, state: resourceStateEvents.state, createdAt: resourceStateEvents.createdAt, user: author })
      .from(resourceStateEvents)
      .leftJoin(users, eq(users.id, resourceStateEvents.userId))
      .where(inArray(resourceStateEvents.id, ids));
    return new Map(rows.map((event) => [event.id, { kind, event }]));
  }
  if (kind === "label") {
    const rows = await db
      .select({ id: resourceLabelEvents.id, action: resourceLabelEvents.action, label: labels, createdAt: resourceLabelEvents.createdAt, user: author })
      .from(resourceLabelEvents)
      .leftJoin(users, eq(users.id, resourceLabelEvents.userId))
      .leftJoin(labels, eq(labels.id, resourceLabelEvents.labelId))
      .where(inArray(resourceLabelEvents.id, ids));
    return new Map(rows.map((event) => [event.id, { kind, event }]));
  }
  const rows = await db
    .select({
      id: resourceMilestoneEvents.id,
      action: resourceMilestoneEvents.action,
      milestone: { id: milestones.id, iid: milestones.iid, title: milestones.title, projectId: milestones.projectId, groupId: milestones.groupId },
      createdAt: resourceMilestoneEvents.createdAt,
      user: author,
    })
    .from(resourceMilestoneEvents)
    .leftJoin(users, eq(users.id, resourceMilestoneEvents.userId))
    .leftJoin(milestones, eq(milestones.id, resourceMilestoneEvents.milestoneId))
    .where(inArray(resourceMilestoneEvents.id, ids));
  return new Map(rows.map((event) => [event.id, { kind, event }]));
}

/**
 * A noteable's page of activity, oldest first as GitLab's epic and issue pages show it: notes grouped by discussion (a
 * thread sits where its first note was written, replies after it), with resource events interleaved as the system
 * notes they are. One query picks the page across all sources, then one per source loads its rows: a fixed number of
 * queries whatever the page size.
 */
export async function listActivity(ref: NoteableRef, options: { page: number; perPage: number }): Promise<{ items: ActivityItem[]; total: number }> {
  const db = getDb();
  const timeline = timelineSql(ref);
  const [page, total] = await Promise.all([
    db.execute<{ kind: ActivityItem["kind"]; id: number }>(sql`
      SELECT kind, id FROM (${timeline}) activity
      ORDER BY thread_start, created_at, kind, id
      LIMIT ${options.perPage} OFFSET ${(options.page - 1) * options.perPage}`),
    db.execute<{ total: number }>(sql`SELECT count(*)::int AS total FROM (${timeline}) activity`),
  ]);
  const idsOf = (kind: ActivityItem["kind"]) => page.rows.filter((r) => r.kind === kind).map((r) => Number(r.id));
  const noteIds = idsOf("note");
  const [noteRows, states, labelEvents, milestoneEvents] = await Promise.all([
    noteIds.length ? selectNotes().where(inArray(notes.id, noteIds)) : [],
    eventsById("state", idsOf("state")),
    eventsById("label", idsOf("label")),
    eventsById("milestone", idsOf("milestone")),
  ]);
  const noteById = new Map((await withAwards(noteRows)).map((n) => [n.id, n]));
  const events: Record<EventKind, Map<number, ActivityItem>> = { state: states, label: labelEvents, milestone: milestoneEvents };
  const items = page.rows.flatMap((r): ActivityItem[] => {
    const id = Number(r.id);
    if (r.kind === "note") return noteById.has(id) ? [{ kind: "note", note: noteById.get(id)! }] : [];
    const item = events[r.kind].get(id);
    return item ? [item] : [];
  });
  return { items, total: Number(total.rows[0]?.total ?? 0) };
}

/** An epic's page of activity (listActivity of the epic, its internal notes for those who may read them). */
export const listEpicActivity = (epic: EpicRow, options: { page: number; perPage: number }) => listActivity(epicRef(epic), options);
