import { apiRoute, badgeEntity, json, notFound, pageParams, paginationHeaders } from "@/lib/api";
import { listBadges } from "@/lib/content";
import { findGroup } from "@/lib/groups";

export const GET = apiRoute<{ id: string }>("read", async ({ request, url, identity, params }) => {
  const group = await findGroup(identity.user, decodeURIComponent(params.id));
  if (!group) return notFound("Group Not");
  const page = pageParams(url.searchParams);
  const { rows, total } = await listBadges({ groupId: group.id }, { ...page, name: url.searchParams.get("name") ?? undefined });
  return json(rows.map(badgeEntity), { headers: paginationHeaders(request, total, page) });
});
