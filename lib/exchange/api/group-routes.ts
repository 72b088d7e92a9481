import { inArray } from "drizzle-orm";
import { apiRoute, baseUrlOf, booleanParam, json, notFound, pageParams, paginationHeaders, queryList, readAll, rowIdListParam, userBasic } from "@/lib/api";
import { getDb, users } from "@/lib/db";
import { findGroup, listMembers, type MemberRow } from "@/lib/groups";

/**
 * GET /groups/:id/<list> for lists Ferry keeps nothing in yet (projects, badges): the group must be visible, the
 * answer is an empty page with GitLab's pagination headers, so importers count zero instead of failing. Public, as
 * GitLab's group projects list is.
 */
export function emptyGroupListRoute() {
  return apiRoute<{ id: string }>("public", async ({ request, url, viewer, params }) => {
    const page = pageParams(url.searchParams);
    const group = await findGroup(viewer, params.id);
    if (!group) return notFound("Group Not");
    return json([], { headers: paginationHeaders(request, 0, page) });
  });
}

/** GitLab's Member entity: the user (UserBasic) with the membership. */
function memberEntity(member: MemberRow, state: "active" | "blocked", baseUrl: string) {
  return {
    ...userBasic({ id: member.userId, username: member.username, name: member.name, state }, baseUrl),
    access_level: member.accessLevel,
    created_at: member.createdAt.toISOString(),
    expires_at: member.expiresAt,
    membership_state: "active",
  };
}

/**
 * GET /groups/:id/members (direct) and /members/all (with those inherited from ancestors): `query`, `user_ids[]`.
 * GitLab's members API authenticates every call, public groups' too.
 */
export function groupMembersRoute(scope: "direct" | "all") {
  return apiRoute<{ id: string }>("read", async ({ request, url, viewer, params }) => {
    const q = url.searchParams;
    const [page, userIdList] = readAll(
      () => pageParams(q),
      () => rowIdListParam(queryList(q, "user_ids"), "user_ids"),
      () => booleanParam(q.get("show_seat_info"), "show_seat_info"),
    );
    const group = await findGroup(viewer, params.id);
    if (!group) return notFound("Group Not");
    const userIds = userIdList ?? [];
    const search = url.searchParams.get("query") ?? undefined;
    // user_ids filters before paging, so it reads every member once; groups' member lists are small.
    const listed = await listMembers(group, { inherited: scope === "all", search, page: userIds.length ? 1 : page.page, perPage: userIds.length ? Number.MAX_SAFE_INTEGER : page.perPage });
    let rows = listed.rows;
    let total = listed.total;
    if (userIds.length) {
      const matching = rows.filter((row) => userIds.includes(row.userId));
      total = matching.length;
      rows = matching.slice((page.page - 1) * page.perPage, page.page * page.perPage);
    }
    const states = rows.length
      ? new Map((await getDb().select({ id: users.id, state: users.state }).from(users).where(inArray(users.id, rows.map((r) => r.userId)))).map((u) => [u.id, u.state]))
      : new Map<number, "active" | "blocked">();
    const base = baseUrlOf(request);
    return json(
      rows.map((row) => memberEntity(row, states.get(row.userId) ?? "active", base)),
      { headers: paginationHeaders(request, total, page) },
    );
  });
}
