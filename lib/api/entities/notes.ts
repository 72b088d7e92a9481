import type { Discussion, DiscussionNote, NoteRow } from "@/lib/content";
import { userBasic } from "./user";

/** Notes GitLab lets resolve: threads (DiscussionNote, DiffNote) on issues and merge requests. */
const isResolvable = (note: NoteRow) => !note.system && (note.noteableType === "MergeRequest" || note.noteableType === "Issue") && (note.type === "DiffNote" || note.type === "DiscussionNote");

/**
 * GitLab's Note entity. `noteable_iid` is null for epics (GitLab fills it for issues and merge requests only), and
 * `confidential` is the old name of `internal`. A diff note shows its position; a resolvable one whether and by whom
 * it was resolved.
 */
export function noteEntity(note: NoteRow | DiscussionNote, baseUrl: string) {
  const imported = note.importEntityId !== null;
  const type = note.type ?? (typeof note.sourceAttributes.type === "string" ? note.sourceAttributes.type : null);
  const resolvable = isResolvable(note);
  const resolvedBy = note.resolvedBy;
  return {
    id: note.id,
    type,
    body: note.note,
    attachment: null,
    author: note.author ? userBasic(note.author, baseUrl) : null,
    created_at: note.createdAt.toISOString(),
    updated_at: note.updatedAt.toISOString(),
    system: note.system,
    noteable_id: note.noteableId,
    noteable_type: note.noteableType,
    project_id: note.projectId,
    ...(type === "DiffNote" ? { commit_id: note.commitId, position: note.position } : {}),
    resolvable,
    ...(resolvable ? { resolved: note.resolvedAt !== null, resolved_by: resolvedBy ? userBasic(resolvedBy, baseUrl) : null, resolved_at: note.resolvedAt?.toISOString() ?? null } : {}),
    confidential: note.internal,
    internal: note.internal,
    imported,
    imported_from: imported ? "gitlab_migration" : "none",
    noteable_iid: null as number | null,
    commands_changes: {},
  };
}

/** GitLab's Discussion entity, its notes carrying the noteable's iid. */
export function discussionEntity(discussion: Discussion, baseUrl: string, noteableIid: number) {
  return {
    id: discussion.id,
    individual_note: discussion.individualNote,
    notes: discussion.notes.map((note) => ({ ...noteEntity(note, baseUrl), noteable_iid: noteableIid })),
  };
}
