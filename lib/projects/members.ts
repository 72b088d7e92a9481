import { and, eq, inArray, sql, type SQL } from "drizzle-orm";
import { getDb, projectMembers, users, containing } from "@/lib/db";
import { listMembers } from "@/lib/groups";
import type { ProjectWithAccess } from "./queries";

export interface ProjectMemberRow {
  userId: number;
  username: string;
  name: string;
  state: "active" | "blocked";
  accessLevel: number;
  expiresAt: string | null;
  createdAt: Date;
  /** Whether the membership is on the project itself, rather than inherited from its group or an ancestor. */
  direct: boolean;
  /** The group an inherited membership is on (the project's group or an ancestor). */
  sourceGroupId?: number;
}


/**
 * The project's own members, or with `inherited` also those of its group and the group's ancestors (GitLab's
 * /members/all): one row per user, the highest role, the project's own membership winning a tie. Sorted by role
 * then username, as the group lists are.
 */
export async function listProjectMembers(
  project: ProjectWithAccess,
  options: { inherited: boolean; search?: string; page: number; perPage: number },
): Promise<{ rows: ProjectMemberRow[]; total: number }> {
  const where: SQL[] = [eq(projectMembers.projectId, project.id)];
  if (options.search) {
    const like = containing(options.search.toLowerCase());
    where.push(sql`(lower(${users.username}) LIKE ${like} OR lower(${users.name}) LIKE ${like})`);
  }
  const direct = await getDb()
    .select({
      userId: projectMembers.userId,
      username: users.username,
      name: users.name,
      state: users.state,
      accessLevel: projectMembers.accessLevel,
      expiresAt: projectMembers.expiresAt,
      createdAt: projectMembers.createdAt,
    })
    .from(projectMembers)
    .innerJoin(users, eq(users.id, projectMembers.userId))
    .where(and(...where));
  const byUser = new Map<number, ProjectMemberRow>(direct.map((row) => [row.userId, { ...row, direct: true }]));
  if (options.inherited) {
    // A group's member list is small: read it whole, as listMembers' own callers do for user_ids.
    const inherited = await listMembers(project.namespace, { inherited: true, search: options.search, page: 1, perPage: Number.MAX_SAFE_INTEGER });
    for (const row of inherited.rows) {
      const mine = byUser.get(row.userId);
      if (mine && mine.accessLevel >= row.accessLevel) continue;
      byUser.set(row.userId, { ...row, state: "active", direct: false });
    }
  }
  const rows = [...byUser.values()].sort((a, b) => b.accessLevel - a.accessLevel || a.username.localeCompare(b.username));
  const start = (options.page - 1) * options.perPage;
  const page = rows.slice(start, start + options.perPage);
  // Group memberships come without the user's state: read it for the page's inherited rows only.
  const inheritedIds = page.filter((row) => !row.direct).map((row) => row.userId);
  if (inheritedIds.length) {
    const states = new Map((await getDb().select({ id: users.id, state: users.state }).from(users).where(inArray(users.id, inheritedIds))).map((u) => [u.id, u.state]));
    for (const row of page) if (!row.direct) row.state = states.get(row.userId) ?? "active";
  }
  return { rows: page, total: rows.length };
}
