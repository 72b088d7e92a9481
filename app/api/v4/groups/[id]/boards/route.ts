import { apiRoute, baseUrlOf, boardEntity, json, notFound, pageParams, paginationHeaders } from "@/lib/api";
import { listBoards } from "@/lib/content";
import { findGroup } from "@/lib/groups";

// GitLab's group boards API authenticates every call, public groups' too.
export const GET = apiRoute<{ id: string }>("read", async ({ request, url, viewer, params }) => {
  const page = pageParams(url.searchParams);
  const group = await findGroup(viewer, params.id);
  if (!group) return notFound("Group Not");
  const { rows, total } = await listBoards({ groupId: group.id }, page);
  const base = baseUrlOf(request);
  return json(rows.map((board) => boardEntity(board, group, base)), { headers: paginationHeaders(request, total, page) });
});
