import { apiRoute, baseUrlOf, boardEntity, json } from "@/lib/api";
import { requestedBoard } from "../params";

export const GET = apiRoute<{ id: string; board_id: string }>("read", async ({ request, viewer, params }) => {
  const found = await requestedBoard(viewer, params);
  if (found instanceof Response) return found;
  return json(boardEntity(found.board, found.group, baseUrlOf(request)));
});
