import { Badge } from "@/components/ui/badge";
import { LabelChip, type BoardLabelItem } from "@/components/content/board-column";
import { BoardSwitcher, type BoardLink } from "@/components/content/board-switcher";
import { BoardCount, BoardLanes } from "@/components/content/board-view";
import { EpicBoardColumn, type EpicBoardColumnItem } from "./epic-board-column";

export interface EpicBoardViewItem {
  id: number;
  name: string;
  /** The labels the board is scoped to: every card has them all. */
  scope: BoardLabelItem[];
  /** In board order: Open first, the label lists by position, Closed last (each unless the board hides it). */
  columns: EpicBoardColumnItem[];
}

/** A group epic board: the switcher (issue and epic boards), its scope, and its lists as columns of epic cards. */
export function EpicBoardView({ board, boards, epicBoards }: { board: EpicBoardViewItem; boards: BoardLink[]; epicBoards: BoardLink[] }) {
  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-center gap-3">
        <BoardSwitcher boards={boards} epicBoards={epicBoards} currentId={board.id} epic />
        <Badge tone="info">Epic board</Badge>
        <BoardCount issueBoards={boards.length} epicBoards={epicBoards.length} />
      </div>
      {board.scope.length > 0 ? (
        <div aria-label="Board scope" className="flex flex-wrap items-center gap-x-2 gap-y-1 text-sm text-gray-600" data-testid="board-scope">
          <span className="text-xs font-medium uppercase tracking-wide text-gray-500">Scope</span>
          Labels
          {board.scope.map((label) => (
            <LabelChip key={label.title} label={label} />
          ))}
        </div>
      ) : null}
      <BoardLanes name={board.name} empty={board.columns.length === 0} alignTop>
        {board.columns.map((column) => (
          <EpicBoardColumn key={column.key} column={column} />
        ))}
      </BoardLanes>
    </div>
  );
}
