import { BoardColumn, LabelChip, type BoardColumnItem, type BoardLabelItem } from "./board-column";
import { BoardSwitcher, type BoardLink } from "./board-switcher";
import { EmptyState } from "@/components/ui/empty-state";

export interface BoardScopeItem {
  milestone: string | null;
  labels: BoardLabelItem[];
  weight: number | null;
  assignee: string | null;
}

export interface BoardViewItem {
  id: number;
  name: string;
  scope: BoardScopeItem;
  /** In board order: Open first, the lists by position, Closed last (each unless the board hides it). */
  columns: BoardColumnItem[];
}

/** "3 boards in this group", or with epic boards "2 issue boards and 1 epic board in this group"; a project's "in this project". */
export function BoardCount({ issueBoards, epicBoards, ownerKind = "group" }: { issueBoards: number; epicBoards: number; ownerKind?: "group" | "project" }) {
  const count = (n: number, noun: string) => `${n} ${noun}${n === 1 ? "" : "s"}`;
  const text = epicBoards === 0 ? count(issueBoards, "board") : issueBoards === 0 ? count(epicBoards, "epic board") : `${count(issueBoards, "issue board")} and ${count(epicBoards, "epic board")}`;
  return (
    <span className="text-sm text-gray-500">
      {text} in this {ownerKind}
    </span>
  );
}

function Scope({ scope }: { scope: BoardScopeItem }) {
  const parts = [
    scope.milestone ? (
      <span key="m">
        Milestone <strong className="font-medium text-gray-900">{scope.milestone}</strong>
      </span>
    ) : null,
    scope.assignee ? (
      <span key="a">
        Assignee <strong className="font-medium text-gray-900">{scope.assignee}</strong>
      </span>
    ) : null,
    scope.weight !== null ? (
      <span key="w">
        Weight <strong className="font-medium text-gray-900">{scope.weight}</strong>
      </span>
    ) : null,
    scope.labels.length > 0 ? (
      <span key="l" className="inline-flex flex-wrap items-center gap-1">
        Labels
        {scope.labels.map((label) => (
          <LabelChip key={label.title} label={label} />
        ))}
      </span>
    ) : null,
  ].filter(Boolean);
  if (parts.length === 0) return null;
  return (
    <div aria-label="Board scope" className="flex flex-wrap items-center gap-x-4 gap-y-1 text-sm text-gray-600" data-testid="board-scope">
      <span className="text-xs font-medium uppercase tracking-wide text-gray-500">Scope</span>
      {parts}
    </div>
  );
}

/**
 * A board's lists side by side (issue and epic boards alike), or why it shows none. Empty issue lists stretch to one
 * height; lists of cards (`alignTop`) keep their own, or a short list would be as tall as the longest.
 */
export function BoardLanes({ name, empty, alignTop = false, children }: { name: string; empty: boolean; alignTop?: boolean; children: React.ReactNode }) {
  if (empty) {
    return <EmptyState>This board shows no lists: its Open and Closed lists are hidden and it has no other.</EmptyState>;
  }
  return (
    <div className={`flex gap-3 overflow-x-auto pb-2 ${alignTop ? "items-start" : ""}`} aria-label={`Lists of ${name}`} role="group">
      {children}
    </div>
  );
}

/** An issue board: its switcher (with a group's epic boards, if any), scope, and lists as columns, as GitLab lays them out. */
export function BoardView({ board, boards, epicBoards = [], ownerKind = "group" }: { board: BoardViewItem; boards: BoardLink[]; epicBoards?: BoardLink[]; ownerKind?: "group" | "project" }) {
  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-center gap-3">
        <BoardSwitcher boards={boards} currentId={board.id} epicBoards={epicBoards} />
        <BoardCount issueBoards={boards.length} epicBoards={epicBoards.length} ownerKind={ownerKind} />
      </div>
      <Scope scope={board.scope} />
      <p className="rounded-md border border-blue-200 bg-blue-50 px-4 py-2 text-sm text-blue-800" role="note">
        Ferry does not import issues yet: the board&apos;s lists are all here, without cards.
      </p>
      <BoardLanes name={board.name} empty={board.columns.length === 0}>
        {board.columns.map((column) => (
          <BoardColumn key={column.key} column={column} />
        ))}
      </BoardLanes>
    </div>
  );
}
