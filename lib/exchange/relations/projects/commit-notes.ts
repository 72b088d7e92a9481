import { and, eq, isNotNull } from "drizzle-orm";
import { getDb, notes } from "@/lib/db";
import { commitNoteTrees, noteRecord } from "../support/note-records";
import type { CollectionRelation } from "../support/types";

/**
 * A project's comments on its commits as GitLab's project export writes them (`commit_notes: [:author, :award_emoji,
 * events: [:push_event_payload]]`, notes with `noteable_type` "Commit" and the commit's SHA), with Ferry's ids.
 */
export const commitNotesRelation: CollectionRelation = {
  kind: "collection",
  name: "commit_notes",
  async ids(projectId) {
    // notes_commit_idx: a project's notes on commits.
    const rows = await getDb().select({ id: notes.id }).from(notes).where(and(eq(notes.projectId, projectId), isNotNull(notes.commitId)));
    return rows.map((row) => row.id).sort((a, b) => a - b);
  },
  async records(projectId, ids) {
    return (await commitNoteTrees(projectId, ids)).map(noteRecord);
  },
};
