import { asc, eq } from "drizzle-orm";
import type { Owner } from "@/lib/content";
import { getDb, groupMembers, projectMembers, users } from "@/lib/db";
import { idsOf, iso, ownedIds } from "../support/record-ids";
import type { CollectionRelation, ExportRecord } from "../support/types";

/** A direct membership of a group or a project (their tables have the same columns but the owner's). */
interface MemberRow {
  member: Omit<typeof groupMembers.$inferSelect, "groupId">;
  /** GitLab's `source_type`: `Namespace` for a group, `Project` for a project. */
  source: { id: number; type: "Namespace" | "Project" };
  username: string;
}

/**
 * A direct membership as GitLab's group export writes it (`members: [:user]`, the user limited to id, public_email
 * and username). Ferry has no public email, so none is given away: importers map such users to placeholders.
 */
export function memberRecord({ member, source, username }: MemberRow): ExportRecord {
  return {
    id: member.id,
    access_level: member.accessLevel,
    source_id: source.id,
    source_type: source.type,
    user_id: member.userId,
    notification_level: 3,
    created_at: iso(member.createdAt),
    // Ferry never changes a membership in place: it was last updated when it was made.
    updated_at: iso(member.createdAt),
    created_by_id: member.createdById,
    invite_email: null,
    invite_token: null,
    invite_accepted_at: null,
    requested_at: null,
    expires_at: member.expiresAt,
    ldap: false,
    override: false,
    user: { id: member.userId, public_email: null, username },
  };
}

const groupIds = idsOf(groupMembers, groupMembers.id, groupMembers.groupId);
const projectIds = idsOf(projectMembers, projectMembers.id, projectMembers.projectId);

async function groupRecords(groupId: number, ids: readonly number[]): Promise<ExportRecord[]> {
  const rows = await getDb()
    .select({ member: groupMembers, username: users.username })
    .from(groupMembers)
    .innerJoin(users, eq(users.id, groupMembers.userId))
    .where(ownedIds(groupMembers.id, groupMembers.groupId, groupId, ids))
    .orderBy(asc(groupMembers.id));
  return rows.map(({ member, username }) => memberRecord({ member, source: { id: member.groupId, type: "Namespace" }, username }));
}

async function projectRecords(projectId: number, ids: readonly number[]): Promise<ExportRecord[]> {
  const rows = await getDb()
    .select({ member: projectMembers, username: users.username })
    .from(projectMembers)
    .innerJoin(users, eq(users.id, projectMembers.userId))
    .where(ownedIds(projectMembers.id, projectMembers.projectId, projectId, ids))
    .orderBy(asc(projectMembers.id));
  return rows.map(({ member, username }) => memberRecord({ member, source: { id: member.projectId, type: "Project" }, username }));
}

/** A group's members are in group_members, a project's in project_members (see lib/db/schema/projects.ts). */
export const membersRelation: CollectionRelation<Owner> = {
  kind: "collection",
  name: "members",
  ids: (owner) => (owner.groupId !== undefined ? groupIds(owner.groupId) : projectIds(owner.projectId)),
  records: (owner, ids) => (owner.groupId !== undefined ? groupRecords(owner.groupId, ids) : projectRecords(owner.projectId, ids)),
};
