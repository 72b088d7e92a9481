import { apiRoute, baseUrlOf, json, noteEntity } from "@/lib/api";
import { findEpicNote } from "@/lib/content";
import { ParamError, requestedEpic } from "../../../params";

export const GET = apiRoute<{ id: string; epic_iid: string; note_id: string }>("read", async ({ request, identity, params }) => {
  if (!/^\d+$/.test(params.note_id)) return new ParamError("note_id is invalid").response();
  const found = await requestedEpic(identity, params);
  if (found instanceof Response) return found;
  const note = await findEpicNote(found.epic, Number(params.note_id));
  if (!note) return json({ message: "404 Not found" }, { status: 404 });
  return json(noteEntity(note, baseUrlOf(request)));
});
