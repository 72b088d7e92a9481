import { apiRoute, baseUrlOf, choiceParam, json, noteEntity, pageParams, paginationHeaders, readAll } from "@/lib/api";
import { listEpicNotes } from "@/lib/content";
import { requestedEpic } from "../../params";

/** GET /groups/:id/epics/:epic_iid/notes: newest first unless asked otherwise, as GitLab's notes API (authenticated). */
export const GET = apiRoute<{ id: string; epic_iid: string }>("read", async ({ request, url, viewer, params }) => {
  const q = url.searchParams;
  const [orderBy, sort, activityFilter, page] = readAll(
    () => choiceParam(q.get("order_by"), "order_by", ["created_at", "updated_at"]),
    () => choiceParam(q.get("sort"), "sort", ["asc", "desc"]),
    () => choiceParam(q.get("activity_filter"), "activity_filter", ["all_notes", "only_comments", "only_activity"]),
    () => pageParams(q),
  );
  const found = await requestedEpic(viewer, params);
  if (found instanceof Response) return found;
  const options = { orderBy: orderBy ?? "created_at", sort: sort ?? "desc", activityFilter: activityFilter ?? "all_notes" } as const;
  const { rows, total } = await listEpicNotes(found.epic, { ...options, ...page });
  const base = baseUrlOf(request);
  return json(rows.map((note) => noteEntity(note, base)), { headers: paginationHeaders(request, total, page) });
});
