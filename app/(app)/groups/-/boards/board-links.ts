import type { BoardLink } from "@/components/content/board-switcher";
import { listBoardNames } from "@/lib/content";
import { listEpicBoardNames, type GroupWithAccess } from "@/lib/groups";

/** The board switcher's links: issue boards at `/-/boards/<id>`, epic boards at GitLab's `/-/epic_boards/<id>`. */
export async function boardLinks(group: GroupWithAccess): Promise<{ boards: BoardLink[]; epicBoards: BoardLink[] }> {
  const [boards, epicBoards] = await Promise.all([listBoardNames(group.id), listEpicBoardNames(group.id)]);
  return {
    boards: boards.map((b) => ({ ...b, href: `/groups/${group.fullPath}/-/boards/${b.id}` })),
    epicBoards: epicBoards.map((b) => ({ ...b, href: `/groups/${group.fullPath}/-/epic_boards/${b.id}` })),
  };
}
