import { and, asc, desc, eq, inArray, sql, type SQL } from "drizzle-orm";
import { getDb, notes, resourceStateEvents, users } from "@/lib/db";
import type { AwardCount, EpicRow, UserSummary } from "@/lib/groups";
import { awardCounts } from "./award-emoji";

export type Note = typeof notes.$inferSelect;

export interface NoteRow extends Note {
  author: UserSummary | null;
  awards: AwardCount[];
}

export interface StateEventRow {
  id: number;
  state: string;
  createdAt: Date;
  user: UserSummary | null;
}

/** One entry of an epic's activity: a note (comment or system note) or a state change (closed, reopened). */
export type ActivityItem = { kind: "note"; note: NoteRow } | { kind: "state"; event: StateEventRow };

export interface ListNotesOptions {
  orderBy?: "created_at" | "updated_at";
  sort?: "asc" | "desc";
  /** GitLab's `activity_filter`: everything, comments only, or system notes only. */
  activityFilter?: "all_notes" | "only_comments" | "only_activity";
  page: number;
  perPage: number;
}

export const author = { id: users.id, username: users.username, name: users.name, state: users.state, userType: users.userType };

/** A thing notes hang on, and whether the viewer may read its internal notes (reporter access or more, or admin). */
export interface NoteableRef {
  noteableType: "Epic" | "Issue" | "MergeRequest";
  noteableId: number;
  canReadConfidential: boolean;
}

/** The noteable's notes the viewer may read: internal ones need what canReadConfidential says. */
export function noteableNotesSql(noteable: NoteableRef): SQL {
  const where = [eq(notes.noteableType, noteable.noteableType), eq(notes.noteableId, noteable.noteableId)];
  if (!noteable.canReadConfidential) where.push(eq(notes.internal, false));
  return and(...where)!;
}

const epicNotesSql = (epic: EpicRow) => noteableNotesSql(epicRef(epic));
const epicRef = (epic: EpicRow): NoteableRef => ({ noteableType: "Epic", noteableId: epic.id, canReadConfidential: epic.canReadConfidential });

export async function withAwards(rows: { note: Note; author: UserSummary | null }[]): Promise<NoteRow[]> {
  if (rows.length === 0) return [];
  const counts = await awardCounts("Note", rows.map((r) => r.note.id));
  return rows.map((r) => ({ ...r.note, author: r.author, awards: counts.get(r.note.id) ?? [] }));
}

/** An epic's notes as GitLab's notes API lists them: newest first by default, ties broken by id. */
export const listEpicNotes = (epic: EpicRow, options: ListNotesOptions) => listNotes(epicRef(epic), options);

/** A noteable's notes (an epic's, an issue's) as GitLab's notes API lists them: newest first by default, ties broken by id. */
export async function listNotes(noteable: NoteableRef, options: ListNotesOptions): Promise<{ rows: NoteRow[]; total: number }> {
  const where: SQL[] = [noteableNotesSql(noteable)];
  if (options.activityFilter === "only_comments") where.push(eq(notes.system, false));
  if (options.activityFilter === "only_activity") where.push(eq(notes.system, true));
  const direction = options.sort === "asc" ? asc : desc;
  const order = options.orderBy === "updated_at" ? notes.updatedAt : notes.createdAt;
  const db = getDb();
  const [rows, [count]] = await Promise.all([
    db
      .select({ note: notes, author })
      .from(notes)
      .leftJoin(users, eq(users.id, notes.authorId))
      .where(and(...where))
      .orderBy(direction(order), direction(notes.id))
      .limit(options.perPage)
      .offset((options.page - 1) * options.perPage),
    db.select({ total: sql<number>`count(*)::int` }).from(notes).where(and(...where)),
  ]);
  return { rows: await withAwards(rows), total: count?.total ?? 0 };
}

/** One note of the epic, if it is there and the viewer may read it. */
export async function findEpicNote(epic: EpicRow, noteId: number): Promise<NoteRow | undefined> {
  const rows = await getDb()
    .select({ note: notes, author })
    .from(notes)
    .leftJoin(users, eq(users.id, notes.authorId))
    .where(and(epicNotesSql(epic), eq(notes.id, noteId)))
    .limit(1);
  return (await withAwards(rows))[0];
}

/**
 * The epic's page of activity, oldest first as GitLab's epic page shows it: notes grouped by discussion (a thread sits
 * where its first note was written, replies after it), with state changes interleaved as the system notes they are.
 */
export async function listEpicActivity(epic: EpicRow, options: { page: number; perPage: number }): Promise<{ items: ActivityItem[]; total: number }> {
  const db = getDb();
  const visibleNotes = epicNotesSql(epic);
  const timeline = sql`
    SELECT 'note' AS kind, ${notes.id} AS id, ${notes.createdAt} AS created_at,
      min(${notes.createdAt}) OVER (PARTITION BY coalesce(${notes.discussionId}, 'note:' || ${notes.id})) AS thread_start
    FROM ${notes} WHERE ${visibleNotes}
    UNION ALL
    SELECT 'state', ${resourceStateEvents.id}, ${resourceStateEvents.createdAt}, ${resourceStateEvents.createdAt}
    FROM ${resourceStateEvents} WHERE ${resourceStateEvents.epicId} = ${epic.id}`;
  const [page, total] = await Promise.all([
    db.execute<{ kind: "note" | "state"; id: number }>(sql`
      SELECT kind, id FROM (${timeline}) activity
      ORDER BY thread_start, created_at, kind, id
      LIMIT ${options.perPage} OFFSET ${(options.page - 1) * options.perPage}`),
    db.execute<{ total: number }>(sql`SELECT count(*)::int AS total FROM (${timeline}) activity`),
  ]);
  const noteIds = page.rows.filter((r) => r.kind === "note").map((r) => Number(r.id));
  const eventIds = page.rows.filter((r) => r.kind === "state").map((r) => Number(r.id));
  const [noteRows, eventRows] = await Promise.all([
    noteIds.length ? db.select({ note: notes, author }).from(notes).leftJoin(users, eq(users.id, notes.authorId)).where(inArray(notes.id, noteIds)) : [],
    eventIds.length
      ? db
          .select({ id: resourceStateEvents.id, state: resourceStateEvents.state, createdAt: resourceStateEvents.createdAt, user: author })
          .from(resourceStateEvents)
          .leftJoin(users, eq(users.id, resourceStateEvents.userId))
          .where(inArray(resourceStateEvents.id, eventIds))
      : [],
  ]);
  const noteById = new Map((await withAwards(noteRows)).map((n) => [n.id, n]));
  const eventById = new Map(eventRows.map((e) => [e.id, e]));
  const items = page.rows.flatMap((r): ActivityItem[] => {
    const id = Number(r.id);
    if (r.kind === "note") return noteById.has(id) ? [{ kind: "note", note: noteById.get(id)! }] : [];
    return eventById.has(id) ? [{ kind: "state", event: eventById.get(id)! }] : [];
  });
  return { items, total: Number(total.rows[0]?.total ?? 0) };
}

/** How many notes each of these noteables has (`Snippet`), by id; one with none is absent. */
export async function noteCounts(noteableType: "Snippet", ids: readonly number[]): Promise<Map<number, number>> {
  if (ids.length === 0) return new Map();
  const rows = await getDb()
    .select({ id: notes.noteableId, count: sql<number>`count(*)::int` })
    .from(notes)
    .where(and(eq(notes.noteableType, noteableType), inArray(notes.noteableId, [...ids])))
    .groupBy(notes.noteableId);
  return new Map(rows.map((row) => [row.id, row.count]));
}

/** A snippet's notes, oldest first as its page shows them, with their authors and award emoji. */
export async function listSnippetNotes(snippetId: number, options: { page: number; perPage: number }): Promise<{ rows: NoteRow[]; total: number }> {
  const where = and(eq(notes.noteableType, "Snippet"), eq(notes.noteableId, snippetId));
  const db = getDb();
  const [rows, [count]] = await Promise.all([
    db
      .select({ note: notes, author })
      .from(notes)
      .leftJoin(users, eq(users.id, notes.authorId))
      .where(where)
      .orderBy(asc(notes.createdAt), asc(notes.id))
      .limit(options.perPage)
      .offset((options.page - 1) * options.perPage),
    db.select({ total: sql<number>`count(*)::int` }).from(notes).where(where),
  ]);
  return { rows: await withAwards(rows), total: count?.total ?? 0 };
}
