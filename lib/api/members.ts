import type { Viewer } from "@/lib/viewer";
import { baseUrlOf } from "./base-url";
import { booleanParam } from "./booleans";
import { memberEntity, type MemberLike } from "./entities/member";
import { rowIdListParam } from "./ids";
import { pageParams, paginationHeaders } from "./pagination";
import { readAll } from "./param-error";
import { queryList } from "./params";
import { apiRoute } from "./request-auth";
import { json, notFound } from "./responses";

interface MembersSource<T> {
  find: (viewer: Viewer, id: string) => Promise<T | undefined>;
  /** The 404's subject: "Group Not", "Project Not". */
  missing: string;
  list: (owner: T, options: { search?: string; page: number; perPage: number }) => Promise<{ rows: MemberLike[]; total: number }>;
}

/**
 * GET /groups/:id/members, /projects/:id/members and their /all: `query` and `user_ids[]` filter, GitLab's
 * pagination. GitLab's members API authenticates every call, public groups' and projects' too.
 */
export function membersRoute<T>(source: MembersSource<T>) {
  return apiRoute<{ id: string }>("read", async ({ request, url, viewer, params }) => {
    const q = url.searchParams;
    const [page, userIdList] = readAll(
      () => pageParams(q),
      () => rowIdListParam(queryList(q, "user_ids"), "user_ids"),
      () => booleanParam(q.get("show_seat_info"), "show_seat_info"),
    );
    const owner = await source.find(viewer, params.id);
    if (!owner) return notFound(source.missing);
    const userIds = userIdList ?? [];
    const search = q.get("query") ?? undefined;
    // user_ids filters before paging, so it reads every member once; member lists are small.
    const listed = await source.list(owner, { search, page: userIds.length ? 1 : page.page, perPage: userIds.length ? Number.MAX_SAFE_INTEGER : page.perPage });
    let rows = listed.rows;
    let total = listed.total;
    if (userIds.length) {
      const matching = rows.filter((row) => userIds.includes(row.userId));
      total = matching.length;
      rows = matching.slice((page.page - 1) * page.perPage, page.page * page.perPage);
    }
    const base = baseUrlOf(request);
    return json(
      rows.map((row) => memberEntity(row, base)),
      { headers: paginationHeaders(request, total, page) },
    );
  });
}
