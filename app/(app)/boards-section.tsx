import { notFound } from "next/navigation";
import { cache, type ReactNode } from "react";
import type { BoardColumnItem, BoardLabelItem } from "@/components/content/board-column";
import type { BoardLink } from "@/components/content/board-switcher";
import { BoardView, type BoardViewItem } from "@/components/content/board-view";
import { findBoard, labelTextColor, MILESTONE_SCOPES, ownerKind, type BoardDetails, type BoardListDetails, type Label, type Owner } from "@/lib/content";

/** An issue board of a group or project: once a request, for the layout's 404 and the page. */
export const boardOf = cache((owner: Owner, id: number) => findBoard(owner, id));

const chip = (label: Label): BoardLabelItem => ({ title: label.title, color: label.color, textColor: labelTextColor(label) });
const limits = (list: BoardListDetails | undefined) => ({ maxIssueCount: list?.maxIssueCount ?? 0, maxIssueWeight: list?.maxIssueWeight ?? 0 });

function listColumn(list: BoardListDetails): BoardColumnItem {
  const base = { key: `list-${list.id}`, kind: list.listType, ...limits(list) };
  switch (list.listType) {
    case "label":
      return list.label ? { ...base, title: list.label.title, label: chip(list.label) } : { ...base, title: "Deleted label" };
    case "milestone":
      return { ...base, caption: "Milestone", title: list.milestone?.milestone.title ?? "Deleted milestone" };
    case "iteration": {
      const iteration = list.iteration?.iteration;
      return { ...base, caption: "Iteration", title: iteration ? (iteration.title ?? `${iteration.startDate} – ${iteration.dueDate}`) : "Deleted iteration" };
    }
    case "assignee":
      return { ...base, caption: "Assignee", title: list.user ? `${list.user.name} (@${list.user.username})` : "Deleted user" };
    default:
      return { ...base, title: list.listType === "closed" ? "Closed" : "Open" };
  }
}

/**
 * GitLab's column order: Open, then the lists by position, then Closed. GitLab makes a board's backlog list when the
 * board is first shown, so Open is there unless hidden even for an imported board whose export had none.
 */
function columnsOf(board: BoardDetails): BoardColumnItem[] {
  const backlog = board.lists.find((l) => l.listType === "backlog");
  const closed = board.lists.find((l) => l.listType === "closed");
  const movable = board.lists.filter((l) => l.listType !== "backlog" && l.listType !== "closed").sort((a, b) => (a.position ?? Infinity) - (b.position ?? Infinity) || a.id - b.id);
  return [
    ...(board.hideBacklogList ? [] : [backlog ? listColumn(backlog) : { key: "open", kind: "backlog" as const, title: "Open", ...limits(undefined) }]),
    ...movable.map(listColumn),
    ...(closed && !board.hideClosedList ? [listColumn(closed)] : []),
  ];
}

function viewOf(board: BoardDetails): BoardViewItem {
  return {
    id: board.id,
    name: board.name,
    scope: {
      milestone: board.milestone?.milestone.title ?? (board.milestoneScope !== null ? (MILESTONE_SCOPES[board.milestoneScope] ?? null) : null),
      labels: board.labels.map(chip),
      weight: board.weight,
      assignee: board.assignee ? `${board.assignee.name} (@${board.assignee.username})` : null,
    },
    columns: columnsOf(board),
  };
}

/**
 * A group's or a project's issue boards (`/-/boards`, the first board by name, and `/-/boards/<id>`): the board with
 * its switcher, scope and lists. `links` are the owner's boards (and a group's epic boards, which its switcher offers
 * too); `empty` says why there is nothing to show when there is no board.
 */
export async function BoardsSection({ owner, boardId, links, empty }: { owner: Owner; boardId?: number; links: { boards: BoardLink[]; epicBoards?: BoardLink[] }; empty: ReactNode }) {
  if (links.boards.length === 0) {
    if (boardId !== undefined) notFound();
    return (
      <section aria-label="Boards">
        <p className="rounded-lg border border-dashed border-gray-300 bg-white px-6 py-10 text-center text-sm text-gray-600">{empty}</p>
      </section>
    );
  }
  const board = await boardOf(owner, boardId ?? links.boards[0]!.id);
  if (!board) notFound();
  return (
    <section aria-label="Boards">
      <BoardView board={viewOf(board)} boards={links.boards} epicBoards={links.epicBoards} ownerKind={ownerKind(owner)} />
    </section>
  );
}
