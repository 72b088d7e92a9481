import { apiRoute, baseUrlOf, boardListEntity, json, movableLists, pathRowId, readAll, recordNotFound } from "@/lib/api";
import { requestedBoard } from "../../../params";

export const GET = apiRoute<{ id: string; board_id: string; list_id: string }>("read", async ({ request, viewer, params }) => {
  const [listId] = readAll(() => pathRowId(params.list_id, "list_id"), () => pathRowId(params.board_id, "board_id"));
  const found = await requestedBoard(viewer, params);
  if (found instanceof Response) return found;
  const list = movableLists(found.board).find((l) => l.id === listId);
  return list ? json(boardListEntity(list, baseUrlOf(request))) : recordNotFound();
});
