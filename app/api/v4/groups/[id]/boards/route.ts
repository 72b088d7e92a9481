import { apiRoute, baseUrlOf, boardEntity, json, notFound, pageParams, paginationHeaders } from "@/lib/api";
import { findGroup, listBoards } from "@/lib/groups";

export const GET = apiRoute<{ id: string }>("read", async ({ request, url, identity, params }) => {
  const group = await findGroup(identity.user, decodeURIComponent(params.id));
  if (!group) return notFound("Group Not");
  const page = pageParams(url.searchParams);
  const { rows, total } = await listBoards(group.id, page);
  const base = baseUrlOf(request);
  return json(rows.map((board) => boardEntity(board, group, base)), { headers: paginationHeaders(request, total, page) });
});
