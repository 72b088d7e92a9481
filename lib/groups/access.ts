import { sql, type SQL } from "drizzle-orm";
import { ACCESS_LEVELS, groupMembers, groups } from "@/lib/db";
import type { Viewer } from "@/lib/viewer";

// Still re-exported through lib/groups for files not yet moved to @/lib/viewer (lib/users/reassign-csv.ts).
export type { Viewer };

/**
 * The viewer's access level on a group: the highest of its memberships on the group or any ancestor (memberships are
 * inherited downwards, as in GitLab), expired ones ignored. NULL when none.
 */
export function accessLevelSql(userId: number): SQL<number | null> {
  return sql<number | null>`(
    SELECT max(${groupMembers.accessLevel}) FROM ${groupMembers}
    WHERE ${groupMembers.userId} = ${userId}
      AND ${groupMembers.groupId} = ANY(${groups.traversalIds})
      AND (${groupMembers.expiresAt} IS NULL OR ${groupMembers.expiresAt} > current_date)
  )`;
}

/**
 * GitLab's group visibility: public and internal groups are seen by every signed-in user; a private one by admins,
 * by members of it or an ancestor, and by members of a descendant (who need to see the path to their group).
 * Anonymous callers see public groups only.
 */
export function visibleToSql(viewer: Viewer): SQL {
  if (viewer.isAdmin) return sql`true`;
  if (viewer.anonymous) return sql`${groups.visibility} = 'public'`;
  return sql`(
    ${groups.visibility} <> 'private'
    OR ${accessLevelSql(viewer.id)} IS NOT NULL
    OR EXISTS (
      SELECT 1 FROM ${groupMembers} dm JOIN ${groups} d ON d.id = dm.group_id
      WHERE dm.user_id = ${viewer.id} AND d.traversal_ids @> ARRAY[${groups.id}]
        AND (dm.expires_at IS NULL OR dm.expires_at > current_date)
    )
  )`;
}

export const VISIBILITY_RANK = { private: 0, internal: 10, public: 20 } as const;

/** GitLab's admin_group: the group's owners (directly or through an ancestor) and administrators. */
export function canAdminGroup(viewer: Viewer, group: { accessLevel: number | null }): boolean {
  return viewer.isAdmin || (group.accessLevel ?? 0) >= ACCESS_LEVELS.owner;
}
