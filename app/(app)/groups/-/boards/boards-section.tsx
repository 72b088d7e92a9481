import Link from "next/link";
import { notFound } from "next/navigation";
import { cache } from "react";
import type { BoardColumnItem, BoardLabelItem } from "@/components/content/board-column";
import { BoardView, type BoardViewItem } from "@/components/content/board-view";
import { findBoard, labelTextColor, MILESTONE_SCOPES, type BoardDetails, type BoardListDetails, type Label } from "@/lib/content";
import type { GroupWithAccess } from "@/lib/groups";
import { boardLinks } from "./board-links";

/** An issue board of the group: once a request, for the layout's 404 and the page. */
export const boardOf = cache(findBoard);

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
 * The Boards tab: issue boards (`/-/boards`, the first board by name, and `/-/boards/<id>`). Epic boards, at GitLab's
 * `/-/epic_boards` URLs, show under the same tab; the board switcher offers both.
 */
export async function BoardsSection({ group, boardId }: { group: GroupWithAccess; boardId?: number }) {
  const links = await boardLinks(group);
  if (links.boards.length === 0) {
    if (boardId !== undefined) notFound();
    return (
      <section aria-label="Boards">
        <p className="rounded-lg border border-dashed border-gray-300 bg-white px-6 py-10 text-center text-sm text-gray-600">
          This group has no issue boards.
          {links.epicBoards.length > 0 ? (
            <>
              {" "}
              <Link href={`/groups/${group.fullPath}/-/epic_boards`} className="font-medium text-brand-600 hover:underline">
                See its epic boards
              </Link>
            </>
          ) : null}
        </p>
      </section>
    );
  }
  const board = await boardOf(group.id, boardId ?? links.boards[0]!.id);
  if (!board) notFound();
  return (
    <section aria-label="Boards">
      <BoardView board={viewOf(board)} boards={links.boards} epicBoards={links.epicBoards} />
    </section>
  );
}
