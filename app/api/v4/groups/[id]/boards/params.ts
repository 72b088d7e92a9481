import { notFound, pathRowId, recordNotFound } from "@/lib/api";
import { findBoard, type BoardDetails } from "@/lib/content";
import { findGroup, type GroupWithAccess } from "@/lib/groups";
import type { Viewer } from "@/lib/viewer";

/** The visible group and its board of a `/groups/:id/boards/:board_id/...` path, or GitLab's answer when there is none. */
export async function requestedBoard(viewer: Viewer, params: { id: string; board_id: string }): Promise<{ group: GroupWithAccess; board: BoardDetails } | Response> {
  const boardId = pathRowId(params.board_id, "board_id");
  const group = await findGroup(viewer, params.id);
  if (!group) return notFound("Group Not");
  const board = await findBoard({ groupId: group.id }, boardId);
  return board ? { group, board } : recordNotFound();
}
