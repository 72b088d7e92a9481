import { findBoard, listBoards, type BoardDetails } from "@/lib/content";
import type { Viewer } from "@/lib/viewer";
import { baseUrlOf } from "./base-url";
import { contentRoute, type ContentParent, type ParentKind } from "./content-parent";
import { boardEntity, boardListEntity, movableLists, type BoardParent } from "./entities/boards";
import { pathRowId } from "./ids";
import { pageParams, paginationHeaders } from "./pagination";
import { readAll } from "./param-error";
import { json, recordNotFound } from "./responses";

const boardParent = (parent: ContentParent, viewer: Viewer): BoardParent => (parent.project ? { project: parent.project, viewer } : { group: parent.group! });

// GitLab's boards API authenticates every call, public groups' and projects' too; a project's asks read_issue_board.

/** GET /groups/:id/boards and /projects/:id/boards: by name, a page at a time. */
export const boardsRoute = (kind: ParentKind) =>
  contentRoute(kind, "read", "read_issue_board", async ({ request, url, viewer, findParent }) => {
    const page = pageParams(url.searchParams);
    const parent = await findParent();
    if (parent instanceof Response) return parent;
    const { rows, total } = await listBoards(parent.owner, page);
    const base = baseUrlOf(request);
    return json(rows.map((board) => boardEntity(board, boardParent(parent, viewer), base)), { headers: paginationHeaders(request, total, page) });
  });

type BoardParams = { board_id: string };

/** The parent and its board the path names, or GitLab's answer when there is none. */
async function requestedBoard(findParent: () => Promise<ContentParent | Response>, boardId: number): Promise<{ parent: ContentParent; board: BoardDetails } | Response> {
  const parent = await findParent();
  if (parent instanceof Response) return parent;
  const board = await findBoard(parent.owner, boardId);
  return board ? { parent, board } : recordNotFound();
}

/** GET .../boards/:board_id. */
export const boardRoute = (kind: ParentKind) =>
  contentRoute<BoardParams>(kind, "read", "read_issue_board", async ({ request, viewer, params, findParent }) => {
    const found = await requestedBoard(findParent, pathRowId(params.board_id, "board_id"));
    if (found instanceof Response) return found;
    return json(boardEntity(found.board, boardParent(found.parent, viewer), baseUrlOf(request)));
  });

/** GET .../boards/:board_id/lists. GitLab: "Does not include backlog and closed lists." */
export const boardListsRoute = (kind: ParentKind) =>
  contentRoute<BoardParams>(kind, "read", "read_issue_board", async ({ request, url, params, findParent }) => {
    const [page, boardId] = readAll(
      () => pageParams(url.searchParams),
      () => pathRowId(params.board_id, "board_id"),
    );
    const found = await requestedBoard(findParent, boardId);
    if (found instanceof Response) return found;
    const lists = movableLists(found.board);
    const base = baseUrlOf(request);
    return json(
      lists.slice((page.page - 1) * page.perPage, page.page * page.perPage).map((list) => boardListEntity(list, base)),
      { headers: paginationHeaders(request, lists.length, page) },
    );
  });

/** GET .../boards/:board_id/lists/:list_id. */
export const boardListRoute = (kind: ParentKind) =>
  contentRoute<BoardParams & { list_id: string }>(kind, "read", "read_issue_board", async ({ request, params, findParent }) => {
    const [listId, boardId] = readAll(
      () => pathRowId(params.list_id, "list_id"),
      () => pathRowId(params.board_id, "board_id"),
    );
    const found = await requestedBoard(findParent, boardId);
    if (found instanceof Response) return found;
    const list = movableLists(found.board).find((l) => l.id === listId);
    return list ? json(boardListEntity(list, baseUrlOf(request))) : recordNotFound();
  });
