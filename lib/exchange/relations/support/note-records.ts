import { and, asc, eq, type SQL } from "drizzle-orm";
import { groupBy } from "@/lib/content";
import { awardEmoji, getDb, noteDiffFiles, notes, suggestions, users } from "@/lib/db";
import { mergedRecord, type RecordPart } from "./merged-record";
import { diffFileFields } from "./record-fields";
import { anyOf, iso } from "./record-ids";
import type { ExportRecord } from "./types";

type Note = typeof notes.$inferSelect;
type Award = typeof awardEmoji.$inferSelect;
type Suggestion = typeof suggestions.$inferSelect;
type NoteDiffFile = typeof noteDiffFiles.$inferSelect;

/** A note with what the export nests in it: its author's name, its award emoji, and a diff note's hunk and suggestions. */
export interface NoteTree {
  note: Note;
  authorName: string | null;
  awards: Award[];
  diffFile?: NoteDiffFile;
  suggestions?: Suggestion[];
}

export { anyOf, groupBy };

/** The award emoji of these awardables (`Epic`, `Snippet`, `Note`), by awardable id, oldest first. */
export async function awardsOf(awardableType: string, ids: readonly number[]): Promise<Map<number, Award[]>> {
  if (ids.length === 0) return new Map();
  const rows = await getDb().select().from(awardEmoji).where(and(eq(awardEmoji.awardableType, awardableType), anyOf(awardEmoji.awardableId, ids))).orderBy(asc(awardEmoji.id));
  return groupBy(rows, (award) => award.awardableId);
}

/**
 * The notes matching a condition with their authors' names and award emoji, in id order: two queries; with `diffs`
 * (merge request notes), two more for their diff files and suggestions.
 */
async function noteTreesWhere(condition: SQL, diffs = false): Promise<NoteTree[]> {
  const db = getDb();
  const rows = await db.select({ note: notes, authorName: users.name }).from(notes).leftJoin(users, eq(users.id, notes.authorId)).where(condition).orderBy(asc(notes.id));
  const ids = rows.map((row) => row.note.id);
  const [awards, files, proposed] = await Promise.all([
    awardsOf("Note", ids),
    diffs && ids.length ? db.select().from(noteDiffFiles).where(anyOf(noteDiffFiles.noteId, ids)) : [],
    diffs && ids.length ? db.select().from(suggestions).where(anyOf(suggestions.noteId, ids)).orderBy(asc(suggestions.noteId), asc(suggestions.relativeOrder)) : [],
  ]);
  const fileByNote = new Map(files.map((file) => [file.noteId, file]));
  const suggestionsByNote = groupBy(proposed, (suggestion) => suggestion.noteId);
  return rows.map(({ note, authorName }) => ({
    note,
    authorName,
    awards: awards.get(note.id) ?? [],
    ...(diffs ? { diffFile: fileByNote.get(note.id), suggestions: suggestionsByNote.get(note.id) ?? [] } : {}),
  }));
}

/** The notes of these noteables with their authors' names and award emoji, by noteable id. */
export async function noteTreesOf(noteableType: string, ids: readonly number[]): Promise<Map<number, NoteTree[]>> {
  if (ids.length === 0) return new Map();
  return groupBy(await noteTreesWhere(and(eq(notes.noteableType, noteableType), anyOf(notes.noteableId, ids))!, noteableType === "MergeRequest"), (tree) => tree.note.noteableId);
}

/** A project's commit notes with these ids (the `commit_notes` relation), in id order. */
export async function commitNoteTrees(projectId: number, ids: readonly number[]): Promise<NoteTree[]> {
  if (ids.length === 0) return [];
  return noteTreesWhere(and(eq(notes.projectId, projectId), eq(notes.noteableType, "Commit"), anyOf(notes.id, ids))!);
}

export function awardRecord(award: Award): ExportRecord {
  return {
    id: award.id,
    name: award.name,
    user_id: award.userId,
    awardable_type: award.awardableType,
    awardable_id: award.awardableId,
    created_at: iso(award.createdAt),
    updated_at: iso(award.updatedAt),
  };
}

/**
 * Fields that point at records of the instance the note came from which Ferry does not map: given out as they came
 * they would name unrelated records here, so they go out empty (the stored record keeps them).
 */
const FOREIGN_NOTE_FIELDS = { updated_by_id: null, review_id: null };

/** A diff note's hunk as GitLab exports it (`note_diff_file`, its diff under the `diff_export` method's name). */
function noteDiffFileRecord(file: NoteDiffFile): ExportRecord {
  return Object.assign({ diff_note_id: file.noteId }, diffFileFields(file), { diff_export: file.diff });
}

function suggestionRecord(suggestion: Suggestion): ExportRecord {
  return {
    note_id: suggestion.noteId,
    relative_order: suggestion.relativeOrder,
    applied: suggestion.applied,
    commit_id: suggestion.commitId,
    from_content: suggestion.fromContent,
    to_content: suggestion.toContent,
    lines_above: suggestion.linesAbove,
    lines_below: suggestion.linesBelow,
    outdated: suggestion.outdated,
  };
}

/**
 * A note as GitLab's export nests it (`notes: [:author, :award_emoji, :system_note_metadata]`, and for a merge
 * request's `:suggestions, :note_diff_file`), with Ferry's ids.
 */
export function noteRecord({ note, authorName, awards, diffFile, suggestions: proposed }: NoteTree): ExportRecord {
  const columns = {
    id: note.id,
    note: note.note,
    noteable_type: note.noteableType,
    author_id: note.authorId,
    created_at: iso(note.createdAt),
    updated_at: iso(note.updatedAt),
    // Ferry's project for a project's note; none for a group's (an epic's).
    project_id: note.projectId,
    // A commit is no row: GitLab's commit notes name it by commit_id alone.
    noteable_id: note.commitId === null ? note.noteableId : null,
    system: note.system,
    discussion_id: note.discussionId,
    internal: note.internal,
    type: note.type,
    position: note.position,
    original_position: note.originalPosition,
    change_position: note.changePosition,
    line_code: note.lineCode,
    resolved_at: iso(note.resolvedAt),
    resolved_by_id: note.resolvedById,
    resolved_by_push: note.resolvedByPush,
  };
  // A note's own events name source users Ferry did not map (it keeps them with the note, unexported).
  const { system_note_metadata: metadata, events: _events, ...attributes } = note.sourceAttributes;
  void _events;
  const hasMetadata = note.systemAction !== null || (metadata !== null && typeof metadata === "object");
  return mergedRecord(
    columns,
    { attachment: { url: null }, line_code: null, commit_id: null, st_diff: null, position: null, original_position: null, resolved_at: null, change_position: null, resolved_by_push: null, type: null },
    attributes,
    FOREIGN_NOTE_FIELDS,
    columns,
    note.commitId !== null && { commit_id: note.commitId },
    // GitLab's ghost user takes the notes of deleted users.
    { author: { name: authorName ?? "Ghost User" }, award_emoji: awards.map(awardRecord) },
    hasMetadata && { system_note_metadata: mergedRecord(metadata as RecordPart, { action: note.systemAction }) },
    proposed && { suggestions: proposed.map(suggestionRecord) },
    diffFile && { note_diff_file: noteDiffFileRecord(diffFile) },
  );
}
