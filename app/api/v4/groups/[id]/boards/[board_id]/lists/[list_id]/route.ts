import { apiRoute, baseUrlOf, boardListEntity, json, movableLists } from "@/lib/api";
import { invalidId, recordNotFound, requestedBoard } from "../../../params";

export const GET = apiRoute<{ id: string; board_id: string; list_id: string }>("read", async ({ request, identity, params }) => {
  if (!/^\d+$/.test(params.list_id)) return invalidId("list_id");
  const found = await requestedBoard(identity, params);
  if (found instanceof Response) return found;
  const list = movableLists(found.board).find((l) => l.id === Number(params.list_id));
  return list ? json(boardListEntity(list, baseUrlOf(request))) : recordNotFound();
});
