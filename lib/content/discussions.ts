import { createHash } from "node:crypto";
import { and, asc, inArray, sql } from "drizzle-orm";
import { getDb, noteDiffFiles, notes, suggestions } from "@/lib/db";
import { textArray } from "./sql-arrays";
import { noteableNotesSql, selectNotes, withAwards, type NoteableRef, type NoteRow } from "./notes";

export type NoteDiffFile = typeof noteDiffFiles.$inferSelect;
export type Suggestion = typeof suggestions.$inferSelect;

/** A note of a discussion: the piece of diff a diff note was written on, its suggestions. */
export interface DiscussionNote extends NoteRow {
  diffFile: NoteDiffFile | null;
  suggestions: Suggestion[];
}

/** GitLab's Discussion: a thread of notes, or one note alone (`individual_note`), keyed by its discussion id. */
export interface Discussion {
  id: string;
  individualNote: boolean;
  notes: DiscussionNote[];
}

/**
 * GitLab gives every note a discussion id; a note imported without one is a discussion of its own, named by a hash of
 * its id so that the name is stable and looks like GitLab's (40 hex digits).
 */
export const discussionIdOf = (note: { id: number; discussionId: string | null }) => note.discussionId ?? createHash("sha1").update(`note:${note.id}`).digest("hex");

const threadKey = sql<string>`coalesce(${notes.discussionId}, 'note:' || ${notes.id})`;

/**
 * A noteable's discussions (an issue's, a merge request's...) as GitLab's discussions API lists them: oldest first by
 * their first note, each with its notes oldest first, a page of discussions with their total. Internal notes only for
 * those allowed (NoteableRef.canReadConfidential). Four queries and the notes' award emoji, whatever the page holds.
 */
export async function listDiscussions(noteable: NoteableRef, page: { page: number; perPage: number }): Promise<{ rows: Discussion[]; total: number }> {
  const db = getDb();
  const visible = noteableNotesSql(noteable);
  const [keys, [count]] = await Promise.all([
    db
      .select({ key: threadKey })
      .from(notes)
      .where(visible)
      .groupBy(threadKey)
      .orderBy(asc(sql`min(${notes.createdAt})`), asc(sql`min(${notes.id})`))
      .limit(page.perPage)
      .offset((page.page - 1) * page.perPage),
    db.select({ total: sql<number>`count(DISTINCT ${threadKey})::int` }).from(notes).where(visible),
  ]);
  if (keys.length === 0) return { rows: [], total: count?.total ?? 0 };
  const rows = await selectNotes().where(and(visible, sql`${threadKey} = ANY(${textArray(keys.map((k) => k.key))})`))
    .orderBy(asc(notes.createdAt), asc(notes.id));
  const noteRows = await withAwards(rows);
  const noteIds = noteRows.map((note) => note.id);
  const diffNoteIds = noteRows.filter((note) => note.position !== null || note.type === "DiffNote").map((note) => note.id);
  const [diffFiles, suggestionRows] = await Promise.all([
    diffNoteIds.length ? db.select().from(noteDiffFiles).where(inArray(noteDiffFiles.noteId, diffNoteIds)) : [],
    diffNoteIds.length ? db.select().from(suggestions).where(inArray(suggestions.noteId, noteIds)).orderBy(asc(suggestions.noteId), asc(suggestions.relativeOrder)) : [],
  ]);
  const diffFileOf = new Map(diffFiles.map((file) => [file.noteId, file]));
  const suggestionsOf = new Map<number, Suggestion[]>();
  for (const suggestion of suggestionRows) suggestionsOf.set(suggestion.noteId, [...(suggestionsOf.get(suggestion.noteId) ?? []), suggestion]);
  const byKey = new Map<string, DiscussionNote[]>();
  for (const note of noteRows) {
    const key = note.discussionId ?? `note:${note.id}`;
    const full: DiscussionNote = {
      ...note,
      diffFile: diffFileOf.get(note.id) ?? null,
      suggestions: suggestionsOf.get(note.id) ?? [],
    };
    byKey.set(key, [...(byKey.get(key) ?? []), full]);
  }
  const discussions = keys.flatMap(({ key }): Discussion[] => {
    const thread = byKey.get(key);
    if (!thread) return [];
    // GitLab's individual notes are plain notes (no DiscussionNote or DiffNote type) nobody replied to.
    const individualNote = thread.length === 1 && (thread[0]!.type === null || thread[0]!.type === "Note");
    return [{ id: discussionIdOf(thread[0]!), individualNote, notes: thread }];
  });
  return { rows: discussions, total: count?.total ?? 0 };
}
