import { json, notFound } from "@/lib/api";
import type { TokenIdentity } from "@/lib/auth";
import { findBoard, type BoardDetails } from "@/lib/content";
import { findGroup, type GroupWithAccess } from "@/lib/groups";

/** Grape's answers: a path id it cannot coerce to Integer, and ActiveRecord::RecordNotFound. */
export const invalidId = (name: string) => json({ error: `${name} is invalid` }, { status: 400 });
export const recordNotFound = () => json({ message: "404 Not found" }, { status: 404 });

/** The visible group and its board of a `/groups/:id/boards/:board_id/...` path, or GitLab's answer when there is none. */
export async function requestedBoard(identity: TokenIdentity, params: { id: string; board_id: string }): Promise<{ group: GroupWithAccess; board: BoardDetails } | Response> {
  if (!/^\d+$/.test(params.board_id)) return invalidId("board_id");
  const group = await findGroup(identity.user, decodeURIComponent(params.id));
  if (!group) return notFound("Group Not");
  const board = await findBoard({ groupId: group.id }, Number(params.board_id));
  return board ? { group, board } : recordNotFound();
}
