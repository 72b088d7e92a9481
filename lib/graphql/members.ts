import { globalId } from "./global-id";

/**
 * GitLab's member types, as `projectMembers` and `groupMembers` answer them (MemberInterface, implemented by
 * ProjectMember and GroupMember): the SDL both Ferry's schema and the test source's serve, and the plain node both
 * build, so that what an importer reads of one it reads of the other.
 */
export const memberTypeDefs = /* GraphQL */ `
  scalar Time

  enum ProjectMemberRelation {
    DIRECT
    INHERITED
    DESCENDANTS
    INVITED_GROUPS
    SHARED_INTO_ANCESTORS
  }

  enum GroupMemberRelation {
    DIRECT
    INHERITED
    DESCENDANTS
    SHARED_FROM_GROUPS
  }

  enum AccessLevelEnum {
    NO_ACCESS
    MINIMAL_ACCESS
    GUEST
    PLANNER
    REPORTER
    DEVELOPER
    MAINTAINER
    OWNER
    ADMIN
  }

  type AccessLevel {
    integerValue: Int
    stringValue: AccessLevelEnum
    humanAccess: String
  }

  type UserCore {
    id: ID!
    username: String!
    name: String!
    publicEmail: String
    state: String!
    webUrl: String!
  }

  interface MemberInterface {
    id: ID!
    accessLevel: AccessLevel
    createdAt: Time
    updatedAt: Time
    expiresAt: Time
    user: UserCore
  }

  type ProjectMember implements MemberInterface {
    id: ID!
    accessLevel: AccessLevel
    createdAt: Time
    updatedAt: Time
    expiresAt: Time
    user: UserCore
  }

  type GroupMember implements MemberInterface {
    id: ID!
    accessLevel: AccessLevel
    createdAt: Time
    updatedAt: Time
    expiresAt: Time
    user: UserCore
  }

  type MemberInterfaceEdge {
    cursor: String!
    node: MemberInterface
  }

  type MemberInterfaceConnection {
    nodes: [MemberInterface]
    edges: [MemberInterfaceEdge]
    pageInfo: PageInfo!
  }

  extend type Project {
    projectMembers(relations: [ProjectMemberRelation!] = [DIRECT, INHERITED], search: String, first: Int, after: String): MemberInterfaceConnection
  }

  extend type Group {
    groupMembers(relations: [GroupMemberRelation!] = [DIRECT, INHERITED], search: String, first: Int, after: String): MemberInterfaceConnection
  }
`;

const ACCESS_NAMES: Record<number, [string, string]> = {
  0: ["NO_ACCESS", "No access"],
  5: ["MINIMAL_ACCESS", "Minimal Access"],
  10: ["GUEST", "Guest"],
  15: ["PLANNER", "Planner"],
  20: ["REPORTER", "Reporter"],
  30: ["DEVELOPER", "Developer"],
  40: ["MAINTAINER", "Maintainer"],
  50: ["OWNER", "Owner"],
};

export interface MemberFacts {
  /** Where the membership is: a project's own, or a group's (direct or inherited by the project). */
  kind: "ProjectMember" | "GroupMember";
  id: number;
  accessLevel: number;
  createdAt: Date | string;
  updatedAt?: Date | string | null;
  expiresAt: string | null;
  user: { id: number; username: string; name: string; publicEmail: string | null; state: string };
}

const time = (value: Date | string | null | undefined) => (value === null || value === undefined ? null : value instanceof Date ? value.toISOString() : value);

/** A member as GitLab's GraphQL shows it; `__typename` lets graphql-js pick the interface's type. */
export function memberNode(member: MemberFacts, baseUrl: string) {
  const [stringValue, humanAccess] = ACCESS_NAMES[member.accessLevel] ?? [null, null];
  return {
    __typename: member.kind,
    id: globalId(member.kind, member.id),
    accessLevel: { integerValue: member.accessLevel, stringValue, humanAccess },
    createdAt: time(member.createdAt),
    updatedAt: time(member.updatedAt ?? member.createdAt),
    // GitLab answers expiresAt as a time: midnight of the day the membership expires.
    expiresAt: member.expiresAt ? `${member.expiresAt.slice(0, 10)}T00:00:00Z` : null,
    user: {
      id: globalId("User", member.user.id),
      username: member.user.username,
      name: member.user.name,
      publicEmail: member.user.publicEmail,
      state: member.user.state,
      webUrl: `${baseUrl}/${member.user.username}`,
    },
  };
}

/**
 * One row per user, as GitLab's MembersFinder dedups several relations: the highest role, the nearest membership (the
 * first given) winning a tie. Sorted by user id, the key the connection pages by.
 */
export function distinctMembers<T extends { accessLevel: number; user: { id: number } }>(members: readonly T[]): T[] {
  const byUser = new Map<number, T>();
  for (const member of members) {
    const seen = byUser.get(member.user.id);
    if (!seen || member.accessLevel > seen.accessLevel) byUser.set(member.user.id, member);
  }
  return [...byUser.values()].sort((a, b) => a.user.id - b.user.id);
}
