import { inArray } from "drizzle-orm";
import { apiRoute, baseUrlOf, json, notFound, pageParams, paginationHeaders, userBasic } from "@/lib/api";
import { getDb, users } from "@/lib/db";
import { findGroup, listMembers, type MemberRow } from "@/lib/groups";
import { grapeInteger } from "./params";

/**
 * GET /groups/:id/<list> for lists Ferry keeps nothing in yet (projects, badges): the group must be visible, the
 * answer is an empty page with GitLab's pagination headers, so importers count zero instead of failing.
 */
export function emptyGroupListRoute() {
  return apiRoute<{ id: string }>("read", async ({ request, url, identity, params }) => {
    const group = await findGroup(identity.user, decodeURIComponent(params.id));
    if (!group) return notFound("Group Not");
    const page = pageParams(url.searchParams);
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

/** GET /groups/:id/members (direct) and /members/all (with those inherited from ancestors): `query`, `user_ids[]`. */
export function groupMembersRoute(scope: "direct" | "all") {
  return apiRoute<{ id: string }>("read", async ({ request, url, identity, params }) => {
    const group = await findGroup(identity.user, decodeURIComponent(params.id));
    if (!group) return notFound("Group Not");
    const page = pageParams(url.searchParams);
    const userIds = url.searchParams.getAll("user_ids[]").concat(url.searchParams.getAll("user_ids")).map(grapeInteger).filter((id): id is number => typeof id === "number");
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
