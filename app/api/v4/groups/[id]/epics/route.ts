import { apiRoute, baseUrlOf, epicEntity, json, notFound, pageParams, paginationHeaders, readAll, readParams } from "@/lib/api";
import { findGroup, listEpics } from "@/lib/groups";
import { epicListParams } from "./params";

/**
 * GET /groups/:id/epics: GitLab's filters, ordering and pagination; parameters are checked first, as Grape does.
 * Public: GitLab answers a public group's epics without a token (its epics API authenticates writes only).
 */
export const GET = apiRoute<{ id: string }>("public", async ({ request, url, viewer, params }) => {
  const query = await readParams(request);
  const [{ withLabelsDetails, ...options }, page] = readAll(() => epicListParams(query), () => pageParams(url.searchParams));
  const group = await findGroup(viewer, params.id);
  if (!group) return notFound("Group Not");
  const { rows, total } = await listEpics(viewer, group, { ...options, ...page });
  const base = baseUrlOf(request);
  return json(rows.map((epic) => epicEntity(epic, group, base, { withLabelsDetails })), { headers: paginationHeaders(request, total, page) });
});
