import { inArray } from "drizzle-orm";
import { membersRoute } from "@/lib/api";
import { getDb, users } from "@/lib/db";
import { findGroup, listMembers } from "@/lib/groups";

/** GET /groups/:id/members (direct) and /members/all (with those inherited from ancestors). */
export function groupMembersRoute(scope: "direct" | "all") {
  return membersRoute({
    find: findGroup,
    missing: "Group Not",
    async list(group, options) {
      const listed = await listMembers(group, { ...options, inherited: scope === "all" });
      const ids = listed.rows.map((r) => r.userId);
      const states = ids.length
        ? new Map((await getDb().select({ id: users.id, state: users.state }).from(users).where(inArray(users.id, ids))).map((u) => [u.id, u.state]))
        : new Map<number, "active" | "blocked">();
      return { rows: listed.rows.map((row) => ({ ...row, state: states.get(row.userId) ?? "active" })), total: listed.total };
    },
  });
}
