import { apiRoute, baseUrlOf, json, noteEntity, pageParams, paginationHeaders } from "@/lib/api";
import { listEpicNotes } from "@/lib/content";
import { ParamError, requestedEpic } from "../../params";

const ORDER_BY = ["created_at", "updated_at"] as const;
const SORT = ["asc", "desc"] as const;
const ACTIVITY = ["all_notes", "only_comments", "only_activity"] as const;

function choice<T extends string>(url: URL, name: string, values: readonly T[], fallback: T): T {
  const value = url.searchParams.get(name);
  if (value === null || value === "") return fallback;
  if (!(values as readonly string[]).includes(value)) throw new ParamError(`${name} does not have a valid value`);
  return value as T;
}

/** GET /groups/:id/epics/:epic_iid/notes: newest first unless asked otherwise, as GitLab's notes API. */
export const GET = apiRoute<{ id: string; epic_iid: string }>("read", async ({ request, url, identity, params }) => {
  let options;
  try {
    options = { orderBy: choice(url, "order_by", ORDER_BY, "created_at"), sort: choice(url, "sort", SORT, "desc"), activityFilter: choice(url, "activity_filter", ACTIVITY, "all_notes") };
  } catch (error) {
    if (error instanceof ParamError) return error.response();
    throw error;
  }
  const found = await requestedEpic(identity, params);
  if (found instanceof Response) return found;
  const page = pageParams(url.searchParams);
  const { rows, total } = await listEpicNotes(found.epic, { ...options, ...page });
  const base = baseUrlOf(request);
  return json(rows.map((note) => noteEntity(note, base)), { headers: paginationHeaders(request, total, page) });
});
