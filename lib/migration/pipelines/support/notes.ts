import { awardEmoji, bulkInsert, copyRows, noteDiffFiles, notes, suggestions, type Tx } from "@/lib/db";
import { sql } from "drizzle-orm";
import type { Owner } from "@/lib/content";
import { RecordError } from "../../errors";
import type { SourceUserRef } from "../../source-users";
import { insertNew } from "./insert-by-import-key";
import { awardOf, nestedList, nestedRecord, optionalInteger, optionalUserId, within, type AwardInput } from "./nested-fields";
import { optionalBoolean, optionalString, optionalTimestamp, requiredString, rest } from "./record-fields";

/**
 * The notes and award emoji of an imported noteable (an epic, a snippet): read from the export's nested `notes:
 * [:author, :award_emoji, :system_note_metadata]` and `award_emoji`, and loaded into the shared notes and award_emoji
 * tables under the noteable's new id.
 */

export interface NoteInput {
  key: string;
  authorId: number | null;
  /** The export's `author: { name }`: a name for a user the source may no longer show. */
  authorName: string | null;
  note: string;
  system: boolean;
  systemAction: string | null;
  internal: boolean;
  discussionId: string | null;
  sourceAttributes: Record<string, unknown>;
  createdAt: Date | undefined;
  updatedAt: Date | undefined;
  awards: AwardInput[];
  /** GitLab's STI type (DiscussionNote, DiffNote...) and a diff note's place and resolution. */
  diff: DiffNoteInput;
}

export interface DiffNoteInput {
  type: string | null;
  position: Record<string, unknown> | null;
  originalPosition: Record<string, unknown> | null;
  changePosition: Record<string, unknown> | null;
  lineCode: string | null;
  resolvedAt: Date | null;
  resolvedById: number | null;
  resolvedByPush: boolean | null;
  noteDiffFile: Omit<typeof noteDiffFiles.$inferInsert, "noteId"> | null;
  suggestions: Omit<typeof suggestions.$inferInsert, "noteId">[];
}

const NOTE_COLUMNS = [
  "note", "author_id", "author", "system", "discussion_id", "internal", "confidential", "award_emoji", "created_at", "updated_at",
  "type", "position", "original_position", "change_position", "line_code", "resolved_at", "resolved_by_id", "resolved_by_push", "note_diff_file", "suggestions",
] as const;

/**
 * A position hash (base/start/head sha, paths, lines, position_type), as it came. Older exports wrote it as a JSON
 * string of the hash: read the same.
 */
function positionOf(record: Record<string, unknown>, field: string): Record<string, unknown> | null {
  let value = record[field];
  if (value === undefined || value === null) return null;
  if (typeof value === "string") {
    try {
      value = JSON.parse(value);
    } catch {
      throw new RecordError(`${field} must be a position`);
    }
  }
  if (!value || typeof value !== "object" || Array.isArray(value)) throw new RecordError(`${field} must be a position`);
  return value as Record<string, unknown>;
}

/** `note_diff_file`: the diff hunk a diff note was written on (`diff_export` in GitLab's export, `diff` in older ones). */
function noteDiffFileOf(record: Record<string, unknown>): DiffNoteInput["noteDiffFile"] {
  const diff = optionalString(record, "diff_export") ?? optionalString(record, "diff") ?? "";
  return {
    diff,
    oldPath: requiredString(record, "old_path", 4096),
    newPath: requiredString(record, "new_path", 4096),
    aMode: optionalString(record, "a_mode"),
    bMode: optionalString(record, "b_mode"),
    newFile: optionalBoolean(record, "new_file") ?? false,
    renamedFile: optionalBoolean(record, "renamed_file") ?? false,
    deletedFile: optionalBoolean(record, "deleted_file") ?? false,
  };
}

function suggestionOf(record: Record<string, unknown>, index: number): DiffNoteInput["suggestions"][number] {
  return {
    relativeOrder: optionalInteger(record, "relative_order") ?? index,
    fromContent: optionalString(record, "from_content") ?? "",
    toContent: optionalString(record, "to_content") ?? "",
    applied: optionalBoolean(record, "applied") ?? false,
    outdated: optionalBoolean(record, "outdated") ?? false,
    commitId: optionalString(record, "commit_id"),
    linesAbove: optionalInteger(record, "lines_above") ?? 0,
    linesBelow: optionalInteger(record, "lines_below") ?? 0,
  };
}

function diffNoteOf(record: Record<string, unknown>): DiffNoteInput {
  const file = nestedRecord(record, "note_diff_file");
  const resolvedAt = optionalTimestamp(record, "resolved_at");
  return {
    type: optionalString(record, "type"),
    position: positionOf(record, "position"),
    originalPosition: positionOf(record, "original_position"),
    changePosition: positionOf(record, "change_position"),
    lineCode: optionalString(record, "line_code"),
    resolvedAt: resolvedAt ?? null,
    resolvedById: optionalUserId(record, "resolved_by_id"),
    resolvedByPush: optionalBoolean(record, "resolved_by_push"),
    noteDiffFile: file ? within("note_diff_file", () => noteDiffFileOf(file)) : null,
    suggestions: nestedList(record, "suggestions").map((suggestion, i) => within(`suggestions[${i}]`, () => suggestionOf(suggestion, i))),
  };
}

/** A nested note; its import key is its noteable's key and its source id (or its position when it has none). */
export function noteOf(record: Record<string, unknown>, noteableKey: string, index: number): NoteInput {
  const note = record.note ?? "";
  if (typeof note !== "string") throw new RecordError("note must be a string");
  const metadata = nestedRecord(record, "system_note_metadata");
  const attributes = rest(record, NOTE_COLUMNS);
  if (metadata) attributes.system_note_metadata = rest(metadata, ["action"]);
  const id = record.id;
  return {
    key: `${noteableKey}/note:${typeof id === "number" || typeof id === "string" ? id : `#${index}`}`,
    authorId: optionalUserId(record, "author_id"),
    authorName: within("author", () => optionalString(nestedRecord(record, "author") ?? {}, "name")),
    note,
    system: optionalBoolean(record, "system") ?? false,
    systemAction: metadata ? optionalString(metadata, "action") : null,
    internal: optionalBoolean(record, "internal") ?? optionalBoolean(record, "confidential") ?? false,
    discussionId: optionalString(record, "discussion_id"),
    sourceAttributes: attributes,
    createdAt: optionalTimestamp(record, "created_at"),
    updatedAt: optionalTimestamp(record, "updated_at"),
    awards: nestedList(record, "award_emoji").map((award, i) => within(`award_emoji[${i}]`, () => awardOf(award))),
    diff: diffNoteOf(record),
  };
}

/** A record's `notes`, each read in its place (`notes[2]: ...`). */
export const notesOf = (record: Record<string, unknown>, noteableKey: string): NoteInput[] =>
  nestedList(record, "notes").map((note, i) => within(`notes[${i}]`, () => noteOf(note, noteableKey, i)));

/** A record's own `award_emoji`. */
export const awardsOf = (record: Record<string, unknown>): AwardInput[] => nestedList(record, "award_emoji").map((award, i) => within(`award_emoji[${i}]`, () => awardOf(award)));

/** The source users notes and their award emoji name, with the names the export gives. */
export function noteUsers(list: readonly NoteInput[]): SourceUserRef[] {
  return list.flatMap((note) => [
    ...(note.authorId === null ? [] : [{ id: note.authorId, name: note.authorName }]),
    ...(note.diff.resolvedById === null ? [] : [{ id: note.diff.resolvedById }]),
    ...note.awards.map((award) => ({ id: award.userId })),
  ]);
}

// A row that is there already (a replayed chunk's award emoji, by their unique index) is skipped.
const skipExisting = sql`ON CONFLICT DO NOTHING`;

/** Award emoji rows for one awardable; `user` maps a source user id to its local user. */
export function awardRows(awardableType: string, awardableId: number, awards: readonly AwardInput[], user: (id: number) => number) {
  return awards.map((award) => ({ awardableType, awardableId, name: award.name, userId: user(award.userId), createdAt: award.createdAt, updatedAt: award.updatedAt }));
}

/** Inserts award emoji, skipping those there already. */
export async function insertAwards(tx: Tx, rows: ReturnType<typeof awardRows>): Promise<void> {
  await bulkInsert(tx, awardEmoji, rows, skipExisting);
}

/**
 * Inserts the notes of noteables just imported (by import key) and their notes' award emoji, owned as the noteables
 * are. `user` maps source user ids to local users (null: none). A commit, which is no row, is `id` 0 and its SHA.
 */
export async function loadNotes(
  tx: Tx,
  noteables: readonly { id: number; commitId?: string; notes: readonly NoteInput[] }[],
  context: { owner: Owner; noteableType: string; entityId: number; user: (id: number | null) => number | null },
): Promise<void> {
  const { owner, noteableType, entityId, user } = context;
  const noteRows = noteables.flatMap(({ id, commitId, notes: list }) =>
    list.map((note) => ({
      noteableType,
      noteableId: id,
      commitId: commitId ?? null,
      authorId: user(note.authorId),
      note: note.note,
      system: note.system,
      systemAction: note.systemAction,
      internal: note.internal,
      discussionId: note.discussionId,
      type: note.diff.type,
      position: note.diff.position,
      originalPosition: note.diff.originalPosition,
      changePosition: note.diff.changePosition,
      lineCode: note.diff.lineCode,
      resolvedAt: note.diff.resolvedAt,
      resolvedById: user(note.diff.resolvedById),
      resolvedByPush: note.diff.resolvedByPush,
      importEntityId: entityId,
      importKey: note.key,
      sourceAttributes: note.sourceAttributes,
      createdAt: note.createdAt,
      updatedAt: note.updatedAt,
      ...owner,
    })),
  );
  const noteIds = await insertNew(tx, notes, noteRows, { ids: true });
  const awards = noteables.flatMap(({ notes: list }) =>
    list.flatMap((note) => {
      const noteId = noteIds.get(note.key);
      return noteId === undefined ? [] : awardRows("Note", noteId, note.awards, (id) => user(id)!);
    }),
  );
  await insertAwards(tx, awards);
  // A diff note's hunk and suggestions: of notes inserted just now, so nothing of theirs can be there yet.
  const fresh = noteables.flatMap(({ notes: list }) => list.flatMap((note) => (noteIds.has(note.key) ? [{ noteId: noteIds.get(note.key)!, diff: note.diff }] : [])));
  await copyRows(tx, noteDiffFiles, fresh.flatMap(({ noteId, diff }) => (diff.noteDiffFile ? [Object.assign({}, diff.noteDiffFile, { noteId })] : [])));
  await copyRows(tx, suggestions, fresh.flatMap(({ noteId, diff }) => diff.suggestions.map((suggestion) => Object.assign({}, suggestion, { noteId }))));
}
