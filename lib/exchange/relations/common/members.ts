import { asc, eq } from "drizzle-orm";
import { getDb, groupMembers, users } from "@/lib/db";
import { idsOf, iso, ownedIds } from "../support/record-ids";
import type { CollectionRelation, ExportRecord } from "../support/types";

interface MemberRow {
  member: typeof groupMembers.$inferSelect;
  username: string;
}

/**
 * A direct membership as GitLab's group export writes it (`members: [:user]`, the user limited to id, public_email
 * and username). Ferry has no public email, so none is given away: importers map such users to placeholders.
 */
export function memberRecord({ member, username }: MemberRow): ExportRecord {
  return {
    id: member.id,
    access_level: member.accessLevel,
    source_id: member.groupId,
    source_type: "Namespace",
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

export const membersRelation: CollectionRelation = {
  kind: "collection",
  name: "members",
  ids: idsOf(groupMembers, groupMembers.id, groupMembers.groupId),
  async records(groupId, ids) {
    const rows = await getDb()
      .select({ member: groupMembers, username: users.username })
      .from(groupMembers)
      .innerJoin(users, eq(users.id, groupMembers.userId))
      .where(ownedIds(groupMembers.id, groupMembers.groupId, groupId, ids))
      .orderBy(asc(groupMembers.id));
    return rows.map(memberRecord);
  },
};
