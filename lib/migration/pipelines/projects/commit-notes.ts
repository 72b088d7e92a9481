import type { Tx } from "@/lib/db";
import { RecordError } from "../../errors";
import { mapSourceUsers, prepareSourceUsers } from "../../source-users";
import { loadNotes, noteOf, noteUsers, type NoteInput } from "../support/notes";
import { ownerOf, ownerScope } from "../support/owner";
import { requiredString } from "../support/record-fields";
import type { EntityContext, NdjsonPipeline } from "../support/types";

export interface CommitNoteRow {
  commitId: string;
  note: NoteInput;
}

function transformCommitNote(record: Record<string, unknown>, _entity: EntityContext, key: string): CommitNoteRow {
  const type = record.noteable_type;
  if (type !== undefined && type !== null && type !== "Commit") throw new RecordError(`noteable_type ${String(type)} is not Commit`);
  const commitId = requiredString(record, "commit_id");
  // The note is the record itself: its import key is the record's.
  return { commitId, note: Object.assign({}, noteOf(record, key, 0), { key }) };
}

/** Inserts the notes not imported yet (by import key) on their commits, authors mapped to accounts or placeholders. */
async function loadCommitNotes(tx: Tx, rows: CommitNoteRow[], entity: EntityContext): Promise<void> {
  const owner = ownerOf(entity);
  const scope = await ownerScope(tx, owner);
  const mapped = await mapSourceUsers(tx, { sourceUrl: entity.sourceUrl, rootGroupId: scope.groupIds[0]! }, noteUsers(rows.map((row) => row.note)));
  const user = (id: number | null) => (id === null ? null : (mapped.get(id) ?? null));
  await loadNotes(tx, rows.map((row) => ({ id: 0, commitId: row.commitId, notes: [row.note] })), { owner, noteableType: "Commit", entityId: entity.entityId, user });
}

/**
 * Stage 5 (sources from 15.10): comments on the project's commits (GitLab's CommitNotesPipeline), with their authors
 * and award emoji, shown on each commit's page. A note's events stay with it, unexported, as other notes' do.
 */
export const commitNotesPipeline: NdjsonPipeline<CommitNoteRow> = {
  kind: "ndjson",
  relation: "commit_notes",
  transform: transformCommitNote,
  load: loadCommitNotes,
  prepare: (rows, { entity, client }) => prepareSourceUsers(client, entity, noteUsers(rows.map((row) => row.note))),
  titleOf: (record) => (typeof record.note === "string" ? record.note.slice(0, 255) : undefined),
};
