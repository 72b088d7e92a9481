import { apiRoute, baseUrlOf, json, noteEntity, pathRowId, recordNotFound } from "@/lib/api";
import { findEpicNote } from "@/lib/content";
import { requestedEpic } from "../../../params";

export const GET = apiRoute<{ id: string; epic_iid: string; note_id: string }>("read", async ({ request, viewer, params }) => {
  const noteId = pathRowId(params.note_id, "note_id");
  const found = await requestedEpic(viewer, params);
  if (found instanceof Response) return found;
  const note = await findEpicNote(found.epic, noteId);
  return note ? json(noteEntity(note, baseUrlOf(request))) : recordNotFound();
});
