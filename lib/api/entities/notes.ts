import type { NoteRow } from "@/lib/content";
import { userBasic } from "./user";

/**
 * GitLab's Note entity. `noteable_iid` is null for epics (GitLab fills it for issues and merge requests only), and
 * `confidential` is the old name of `internal`.
 */
export function noteEntity(note: NoteRow, baseUrl: string) {
  const imported = note.importEntityId !== null;
  return {
    id: note.id,
    type: typeof note.sourceAttributes.type === "string" ? note.sourceAttributes.type : null,
    body: note.note,
    attachment: null,
    author: note.author ? userBasic(note.author, baseUrl) : null,
    created_at: note.createdAt.toISOString(),
    updated_at: note.updatedAt.toISOString(),
    system: note.system,
    noteable_id: note.noteableId,
    noteable_type: note.noteableType,
    project_id: note.projectId,
    resolvable: false,
    confidential: note.internal,
    internal: note.internal,
    imported,
    imported_from: imported ? "gitlab_migration" : "none",
    noteable_iid: null,
    commands_changes: {},
  };
}
