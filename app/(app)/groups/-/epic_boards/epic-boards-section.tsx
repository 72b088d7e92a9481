import { notFound } from "next/navigation";
import { cache } from "react";
import type { EpicBoardColumnItem } from "@/components/groups/tabs/epic-board-column";
import { EpicBoardView } from "@/components/groups/tabs/epic-board-view";
import { labelTextColor, type Label } from "@/lib/content";
import { findEpicBoard, listEpicBoardColumns, type EpicBoardColumn, type EpicBoardDetails, type GroupWithAccess } from "@/lib/groups";
import type { PublicUser } from "@/lib/users";
import { boardLinks } from "../boards/board-links";
import { labelItems } from "@/app/(app)/content-items";
import { epicPath, referenceFrom } from "../epics/epic-items";

/** Cards per list: a board is an overview, the Epics tab lists them all. */
const CARDS_PER_LIST = 20;
// GitLab's default epic colour (Epic::DEFAULT_COLOR), for epics that never had one set.
const DEFAULT_EPIC_COLOR = "#1068bf";

const chip = (label: Label) => ({ title: label.title, color: label.color, textColor: labelTextColor(label) });

/** An epic board of the group: once a request, for the layout's 404 and the page. */
export const epicBoardOf = cache(findEpicBoard);

function columnOf(group: GroupWithAccess, board: EpicBoardDetails, column: EpicBoardColumn): EpicBoardColumnItem {
  const label = column.list?.label;
  return {
    key: column.key,
    kind: column.listType,
    title: label ? label.title : column.listType === "closed" ? "Closed" : "Open",
    label: label ? chip(label) : undefined,
    total: column.total,
    cards: column.epics.map((epic) => ({
      id: epic.id,
      href: epicPath(epic),
      reference: referenceFrom(group, epic),
      title: epic.title,
      confidential: epic.confidential,
      color: board.displayColors ? (epic.color ?? DEFAULT_EPIC_COLOR) : null,
      labels: labelItems(epic.labels),
    })),
  };
}

/** The epic boards (`/-/epic_boards`, the first board by name, and `/-/epic_boards/<id>`), under the Boards tab. */
export async function EpicBoardsSection({ user, group, boardId }: { user: PublicUser; group: GroupWithAccess; boardId?: number }) {
  const links = await boardLinks(group);
  if (links.epicBoards.length === 0) {
    if (boardId !== undefined) notFound();
    return (
      <section aria-label="Epic boards">
        <p className="rounded-lg border border-dashed border-gray-300 bg-white px-6 py-10 text-center text-sm text-gray-600">This group has no epic boards.</p>
      </section>
    );
  }
  const board = await epicBoardOf(group.id, boardId ?? links.epicBoards[0]!.id);
  if (!board) notFound();
  const columns = await listEpicBoardColumns(user, group, board, CARDS_PER_LIST);
  return (
    <section aria-label="Epic boards">
      <EpicBoardView board={{ id: board.id, name: board.name, scope: board.labels.map(chip), columns: columns.map((column) => columnOf(group, board, column)) }} boards={links.boards} epicBoards={links.epicBoards} />
    </section>
  );
}
