import { userBasic } from "./user";

/** A membership as the members endpoints list it, of a group or of a project. */
export interface MemberLike {
  userId: number;
  username: string;
  name: string;
  state: "active" | "blocked";
  accessLevel: number;
  expiresAt: string | null;
  createdAt: Date;
}

/** GitLab's Member entity: the user (UserBasic) with the membership. */
export function memberEntity(member: MemberLike, baseUrl: string) {
  return {
    ...userBasic({ id: member.userId, username: member.username, name: member.name, state: member.state }, baseUrl),
    access_level: member.accessLevel,
    created_at: member.createdAt.toISOString(),
    expires_at: member.expiresAt,
    membership_state: "active",
  };
}
