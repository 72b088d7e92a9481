import { apiRoute, badgeEntity, json, notFound, pageParams, paginationHeaders } from "@/lib/api";
import { listBadges } from "@/lib/content";
import { findGroup } from "@/lib/groups";

/** GET /groups/:id/badges: GitLab's badges API authenticates writes only, so a public group's badges are public. */
export const GET = apiRoute<{ id: string }>("public", async ({ request, url, viewer, params }) => {
  const page = pageParams(url.searchParams);
  const group = await findGroup(viewer, params.id);
  if (!group) return notFound("Group Not");
  const { rows, total } = await listBadges({ groupId: group.id }, { ...page, name: url.searchParams.get("name") ?? undefined });
  return json(rows.map(badgeEntity), { headers: paginationHeaders(request, total, page) });
});
