import { awardEmoji, bulkInsert, notes, type Tx } from "@/lib/db";
import { sql } from "drizzle-orm";
import type { Owner } from "@/lib/content";
import { RecordError } from "../../errors";
import type { SourceUserRef } from "../../source-users";
import { insertNew } from "./insert-by-import-key";
import { awardOf, nestedList, nestedRecord, optionalUserId, within, type AwardInput } from "./nested-fields";
import { optionalBoolean, optionalString, optionalTimestamp, rest } from "./record-fields";

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
}

const NOTE_COLUMNS = ["note", "author_id", "author", "system", "discussion_id", "internal", "confidential", "award_emoji", "created_at", "updated_at"] as const;

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
  };
}

/** A record's `notes`, each read in its place (`notes[2]: ...`). */
export const notesOf = (record: Record<string, unknown>, noteableKey: string): NoteInput[] =>
  nestedList(record, "notes").map((note, i) => within(`notes[${i}]`, () => noteOf(note, noteableKey, i)));

/** A record's own `award_emoji`. */
export const awardsOf = (record: Record<string, unknown>): AwardInput[] => nestedList(record, "award_emoji").map((award, i) => within(`award_emoji[${i}]`, () => awardOf(award)));

/** The source users notes and their award emoji name, with the names the export gives. */
export function noteUsers(list: readonly NoteInput[]): SourceUserRef[] {
  return list.flatMap((note) => [...(note.authorId === null ? [] : [{ id: note.authorId, name: note.authorName }]), ...note.awards.map((award) => ({ id: award.userId }))]);
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
      ...owner,
      noteableType,
      noteableId: id,
      commitId: commitId ?? null,
      authorId: user(note.authorId),
      note: note.note,
      system: note.system,
      systemAction: note.systemAction,
      internal: note.internal,
      discussionId: note.discussionId,
      importEntityId: entityId,
      importKey: note.key,
      sourceAttributes: note.sourceAttributes,
      createdAt: note.createdAt,
      updatedAt: note.updatedAt,
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
}
