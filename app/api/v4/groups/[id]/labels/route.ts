import { apiRoute, json, labelEntity, notFound, pageParams, paginationHeaders } from "@/lib/api";
import { listLabels } from "@/lib/content";
import { findGroup } from "@/lib/groups";

export const GET = apiRoute<{ id: string }>("read", async ({ request, url, identity, params }) => {
  const group = await findGroup(identity.user, decodeURIComponent(params.id));
  if (!group) return notFound("Group Not");
  const page = pageParams(url.searchParams);
  const { rows, total } = await listLabels({ groupId: group.id }, { ...page, search: url.searchParams.get("search") ?? undefined });
  return json(rows.map(labelEntity), { headers: paginationHeaders(request, total, page) });
});
