import { and, asc, eq } from "drizzle-orm";
import { getDb, snippets } from "@/lib/db";
import { mergedRecord } from "../support/merged-record";
import { anyOf, awardRecord, awardsOf, noteRecord, noteTreesOf } from "../support/note-records";
import { without } from "../support/record-fields";
import { iso } from "../support/record-ids";
import type { CollectionRelation, ExportRecord } from "../support/types";

type Snippet = typeof snippets.$inferSelect;

// GitLab's import_export.yml leaves these out of snippets (the repository's statistics and storage travel apart).
const EXCLUDED = new Set(["repository_read_only", "secret_token", "encrypted_secret_token", "encrypted_secret_token_iv", "statistics", "snippet_repository"]);

/** A snippet's own attributes: GitLab's key order, then the source's extra fields, then Ferry's columns. */
function snippetAttributes(snippet: Snippet): ExportRecord {
  const columns = {
    id: snippet.id,
    title: snippet.title,
    content: snippet.content,
    author_id: snippet.authorId,
    project_id: snippet.projectId,
    created_at: iso(snippet.createdAt),
    updated_at: iso(snippet.updatedAt),
    file_name: snippet.fileName,
    visibility_level: snippet.visibilityLevel,
    description: snippet.description,
  };
  return mergedRecord(columns, without(snippet.sourceAttributes, EXCLUDED), columns);
}

/**
 * A project's snippets as GitLab's project export writes them (`snippets: [:award_emoji, notes: [:author,
 * :award_emoji]]`), with Ferry's ids and the users Ferry mapped the authors to. Their repositories are not in the
 * export: an importer clones each from `httpUrlToRepo` of the GraphQL `project.snippets` connection.
 */
export const snippetsRelation: CollectionRelation = {
  kind: "collection",
  name: "snippets",
  async ids(projectId) {
    const rows = await getDb().select({ id: snippets.id }).from(snippets).where(eq(snippets.projectId, projectId));
    return rows.map((row) => row.id).sort((a, b) => a - b);
  },
  async records(projectId, ids) {
    const rows = await getDb()
      .select()
      .from(snippets)
      .where(and(eq(snippets.projectId, projectId), anyOf(snippets.id, ids)))
      .orderBy(asc(snippets.id));
    const snippetIds = rows.map((snippet) => snippet.id);
    const [awards, notes] = await Promise.all([awardsOf("Snippet", snippetIds), noteTreesOf("Snippet", snippetIds)]);
    return rows.map((snippet) =>
      Object.assign(snippetAttributes(snippet), {
        award_emoji: (awards.get(snippet.id) ?? []).map(awardRecord),
        notes: (notes.get(snippet.id) ?? []).map(noteRecord),
      }),
    );
  },
};
