import { sql, type SQL } from "drizzle-orm";
import { projectMembers, projects, VISIBILITY_LEVELS } from "@/lib/db";
import { accessLevelSql } from "@/lib/groups";
import type { Viewer } from "@/lib/viewer";

/**
 * SQL for queries over `projects` joined with their namespace in `groups` (accessLevelSql reads the joined group's
 * traversal ids): a project inherits every membership of its group and the group's ancestors, as in GitLab.
 */

/** The viewer's own membership of the project (GitLab's permissions.project_access), expired ones ignored. */
export function directAccessLevelSql(userId: number): SQL<number | null> {
  return sql<number | null>`(
    SELECT ${projectMembers.accessLevel} FROM ${projectMembers}
    WHERE ${projectMembers.projectId} = ${projects.id} AND ${projectMembers.userId} = ${userId}
      AND (${projectMembers.expiresAt} IS NULL OR ${projectMembers.expiresAt} > current_date)
  )`;
}

/** The viewer's access level on the project: the highest of its direct and inherited memberships; NULL when none. */
export function projectAccessLevelSql(userId: number): SQL<number | null> {
  // GREATEST skips NULLs, so one membership of either kind is enough.
  return sql<number | null>`GREATEST(${directAccessLevelSql(userId)}, ${accessLevelSql(userId)})`;
}

/**
 * GitLab's project visibility: public projects are seen by anyone, anonymous callers included; internal ones by
 * every signed-in user; private ones by members (any role, Guest included, direct or through the group) and admins.
 */
export function projectVisibleToSql(viewer: Viewer): SQL {
  if (viewer.isAdmin) return sql`true`;
  if (viewer.anonymous) return sql`${projects.visibilityLevel} = ${VISIBILITY_LEVELS.public}`;
  return sql`(${projects.visibilityLevel} >= ${VISIBILITY_LEVELS.internal} OR ${projectAccessLevelSql(viewer.id)} IS NOT NULL)`;
}
