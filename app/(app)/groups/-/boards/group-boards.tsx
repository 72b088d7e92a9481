import Link from "next/link";
import { BoardsSection } from "@/app/(app)/boards-section";
import type { GroupWithAccess } from "@/lib/groups";
import { boardLinks } from "./board-links";

/**
 * The group's Boards tab: issue boards (`/-/boards`, the first board by name, and `/-/boards/<id>`). Epic boards, at
 * GitLab's `/-/epic_boards` URLs, show under the same tab; the board switcher offers both.
 */
export async function GroupBoards({ group, boardId }: { group: GroupWithAccess; boardId?: number }) {
  const links = await boardLinks(group);
  const empty = (
    <>
      This group has no issue boards.
      {links.epicBoards.length > 0 ? (
        <>
          {" "}
          <Link href={`/groups/${group.fullPath}/-/epic_boards`} className="font-medium text-brand-600 hover:underline">
            See its epic boards
          </Link>
        </>
      ) : null}
    </>
  );
  return <BoardsSection owner={{ groupId: group.id }} boardId={boardId} links={links} empty={empty} />;
}
