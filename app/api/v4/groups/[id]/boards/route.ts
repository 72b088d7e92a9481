import { apiRoute, baseUrlOf, boardEntity, json, notFound, pageParams, paginationHeaders } from "@/lib/api";
import { listBoards } from "@/lib/content";
import { findGroup } from "@/lib/groups";

export const GET = apiRoute<{ id: string }>("read", async ({ request, url, identity, params }) => {
  const group = await findGroup(identity.user, decodeURIComponent(params.id));
  if (!group) return notFound("Group Not");
  const page = pageParams(url.searchParams);
  const { rows, total } = await listBoards({ groupId: group.id }, page);
  const base = baseUrlOf(request);
  return json(rows.map((board) => boardEntity(board, group, base)), { headers: paginationHeaders(request, total, page) });
});
