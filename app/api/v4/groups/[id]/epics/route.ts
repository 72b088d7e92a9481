import { apiRoute, baseUrlOf, epicEntity, json, notFound, pageParams, paginationHeaders } from "@/lib/api";
import { findGroup, listEpics } from "@/lib/groups";
import { epicListParams, ParamError, type EpicListParams } from "./params";

/** GET /groups/:id/epics: GitLab's filters, ordering and pagination; parameters are checked first, as Grape does. */
export const GET = apiRoute<{ id: string }>("read", async ({ request, url, identity, params }) => {
  let filters: EpicListParams;
  try {
    filters = await epicListParams(request);
  } catch (error) {
    if (error instanceof ParamError) return error.response();
    throw error;
  }
  const group = await findGroup(identity.user, decodeURIComponent(params.id));
  if (!group) return notFound("Group Not");
  const page = pageParams(url.searchParams);
  const { withLabelsDetails, ...options } = filters;
  const { rows, total } = await listEpics(identity.user, group, { ...options, ...page });
  const base = baseUrlOf(request);
  return json(rows.map((epic) => epicEntity(epic, group, base, { withLabelsDetails })), { headers: paginationHeaders(request, total, page) });
});
