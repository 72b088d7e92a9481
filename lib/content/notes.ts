import { and, asc, desc, eq, inArray, sql, type SQL } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { getDb, notes, users } from "@/lib/db";
import type { AwardCount, EpicRow, UserSummary } from "@/lib/groups";
import { awardCounts } from "./award-emoji";

export type Note = typeof notes.$inferSelect;

export interface NoteRow extends Note {
  author: UserSummary | null;
  /** Who resolved the note's thread, for a resolvable note that is resolved. */
  resolvedBy: UserSummary | null;
  awards: AwardCount[];
}

export interface ListNotesOptions {
  orderBy?: "created_at" | "updated_at";
  sort?: "asc" | "desc";
  /** GitLab's `activity_filter`: everything, comments only, or system notes only. */
  activityFilter?: "all_notes" | "only_comments" | "only_activity";
  page: number;
  perPage: number;
}

export const author = { id: users.id, username: users.username, name: users.name, state: users.state, userType: users.userType };
const resolver = alias(users, "resolver");

/** Notes with their authors and resolvers (two joins on users' key), for every list of notes to narrow and order. */
export const selectNotes = () =>
  getDb()
    .select({ note: notes, author, resolvedBy: { id: resolver.id, username: resolver.username, name: resolver.name, state: resolver.state, userType: resolver.userType } })
    .from(notes)
    .leftJoin(users, eq(users.id, notes.authorId))
    .leftJoin(resolver, eq(resolver.id, notes.resolvedById));

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
export const epicRef = (epic: EpicRow): NoteableRef => ({ noteableType: "Epic", noteableId: epic.id, canReadConfidential: epic.canReadConfidential });

export async function withAwards(rows: { note: Note; author: UserSummary | null; resolvedBy: UserSummary | null }[]): Promise<NoteRow[]> {
  if (rows.length === 0) return [];
  const counts = await awardCounts("Note", rows.map((r) => r.note.id));
  return rows.map((r) => ({ ...r.note, author: r.author, resolvedBy: r.resolvedBy, awards: counts.get(r.note.id) ?? [] }));
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
    selectNotes().where(and(...where))
      .orderBy(direction(order), direction(notes.id))
      .limit(options.perPage)
      .offset((options.page - 1) * options.perPage),
    db.select({ total: sql<number>`count(*)::int` }).from(notes).where(and(...where)),
  ]);
  return { rows: await withAwards(rows), total: count?.total ?? 0 };
}

/** One note of the epic, if it is there and the viewer may read it. */
export async function findEpicNote(epic: EpicRow, noteId: number): Promise<NoteRow | undefined> {
  const rows = await selectNotes().where(and(epicNotesSql(epic), eq(notes.id, noteId)))
    .limit(1);
  return (await withAwards(rows))[0];
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
    selectNotes().where(where)
      .orderBy(asc(notes.createdAt), asc(notes.id))
      .limit(options.perPage)
      .offset((options.page - 1) * options.perPage),
    db.select({ total: sql<number>`count(*)::int` }).from(notes).where(where),
  ]);
  return { rows: await withAwards(rows), total: count?.total ?? 0 };
}
