import { snippets, type Tx } from "@/lib/db";
import { RecordError } from "../../errors";
import { mapSourceUsers, prepareSourceUsers, type SourceUserRef } from "../../source-users";
import { insertNew } from "../support/insert-by-import-key";
import { optionalUserId, type AwardInput } from "../support/nested-fields";
import { awardRows, awardsOf, insertAwards, loadNotes, notesOf, noteUsers, type NoteInput } from "../support/notes";
import { ownerOf, ownerScope } from "../support/owner";
import { importColumns, optionalString, requiredString } from "../support/record-fields";
import { sourceWebUrl } from "../support/source-urls";
import type { NdjsonPipeline } from "../support/types";

export interface SnippetRow {
  values: Omit<typeof snippets.$inferInsert, "authorId"> & { importKey: string };
  authorId: number | null;
  awards: AwardInput[];
  notes: NoteInput[];
  users: SourceUserRef[];
}

// What became a column or a row of its own; the rest of the record is kept as it came.
const COLUMNS = ["title", "description", "content", "file_name", "visibility_level", "visibility", "author_id", "author", "project_id", "award_emoji", "notes", "created_at", "updated_at"] as const;
const VISIBILITY: Record<string, number> = { private: 0, internal: 10, public: 20 };

/** `visibility_level` (0, 10, 20) as the export writes it, or the API's `visibility` name. */
function visibilityOf(record: Record<string, unknown>): number {
  const raw = record.visibility_level ?? record.visibility ?? 0;
  const level = typeof raw === "string" ? VISIBILITY[raw] : raw;
  if (level !== 0 && level !== 10 && level !== 20) throw new RecordError(`visibility_level ${JSON.stringify(raw)} is not 0, 10 or 20`);
  return level;
}

function transformSnippet(record: Record<string, unknown>, entity: Parameters<NdjsonPipeline["transform"]>[1], key: string): SnippetRow {
  const content = record.content ?? "";
  if (typeof content !== "string") throw new RecordError("content must be a string");
  const row = {
    values: {
      projectId: ownerOf(entity).projectId!,
      title: requiredString(record, "title"),
      description: optionalString(record, "description"),
      content,
      fileName: optionalString(record, "file_name") ?? "",
      visibilityLevel: visibilityOf(record),
      ...importColumns(record, entity.entityId, key, COLUMNS),
      importKey: key,
    },
    authorId: optionalUserId(record, "author_id"),
    awards: awardsOf(record),
    notes: notesOf(record, key),
  };
  const users: SourceUserRef[] = [...(row.authorId === null ? [] : [{ id: row.authorId }]), ...row.awards.map((award) => ({ id: award.userId })), ...noteUsers(row.notes)];
  return Object.assign({}, row, { users });
}

/**
 * Inserts the snippets not imported yet (by import key) with their authors mapped to accounts or placeholders and,
 * for those only, their award emoji and their notes (with theirs), in the chunk's transaction: a snippet there already
 * has all of them, and a replayed chunk inserts nothing.
 */
async function loadSnippets(tx: Tx, rows: SnippetRow[], entity: Parameters<NdjsonPipeline["load"]>[2]): Promise<void> {
  const owner = ownerOf(entity);
  const scope = await ownerScope(tx, owner);
  const mapped = await mapSourceUsers(tx, { sourceUrl: entity.sourceUrl, rootGroupId: scope.groupIds[0]! }, rows.flatMap((row) => row.users));
  const user = (id: number | null) => (id === null ? null : (mapped.get(id) ?? null));
  const ids = await insertNew(
    tx,
    snippets,
    rows.map((row) => Object.assign({}, row.values, { authorId: user(row.authorId) })),
    { ids: true },
  );
  const fresh = rows.flatMap((row) => {
    const id = ids.get(row.values.importKey);
    return id === undefined ? [] : [{ row, id }];
  });
  await insertAwards(tx, fresh.flatMap(({ row, id }) => awardRows("Snippet", id, row.awards, (userId) => user(userId)!)));
  await loadNotes(tx, fresh.map(({ row, id }) => ({ id, notes: row.notes })), { owner, noteableType: "Snippet", entityId: entity.entityId, user });
}

/**
 * Stage 3 of a project entity (GitLab's SnippetsPipeline): the project's snippets from the `snippets` export, with
 * their legacy single file (`file_name`, `content`), award emoji and notes (with their authors and award emoji). Their
 * repositories follow in stage 4 (snippets-repository.ts).
 */
export const snippetsPipeline: NdjsonPipeline<SnippetRow> = {
  kind: "ndjson",
  relation: "snippets",
  transform: transformSnippet,
  load: loadSnippets,
  // Authors come as bare source ids: learn their names from the source before the chunk's transaction.
  prepare: (rows, { entity, client }) => prepareSourceUsers(client, entity, rows.flatMap((row) => row.users)),
  titleOf: (record) => (typeof record.title === "string" ? record.title : undefined),
  sourceUrlOf: (record, entity) => (typeof record.id === "number" ? sourceWebUrl(entity, `snippets/${record.id}`) : undefined),
};
