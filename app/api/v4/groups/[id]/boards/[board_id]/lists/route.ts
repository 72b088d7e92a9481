import { apiRoute, baseUrlOf, boardListEntity, json, movableLists, pageParams, paginationHeaders } from "@/lib/api";
import { requestedBoard } from "../../params";

// GitLab: "Does not include backlog and closed lists."
export const GET = apiRoute<{ id: string; board_id: string }>("read", async ({ request, url, viewer, params }) => {
  const page = pageParams(url.searchParams);
  const found = await requestedBoard(viewer, params);
  if (found instanceof Response) return found;
  const lists = movableLists(found.board);
  const base = baseUrlOf(request);
  return json(
    lists.slice((page.page - 1) * page.perPage, page.page * page.perPage).map((list) => boardListEntity(list, base)),
    { headers: paginationHeaders(request, lists.length, page) },
  );
});
