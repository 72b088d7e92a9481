import { listMembers, type GroupWithAccess } from "@/lib/groups";
import { listProjectMembers, type ProjectWithAccess } from "@/lib/projects";
import { keysetConnection, pageRequest, type ConnectionArgs } from "../connection";
import type { GraphqlContext } from "../context";
import type { Resolvers } from "../executable-schema";
import { distinctMembers, memberNode, memberTypeDefs, type MemberFacts } from "../members";

export const typeDefs = memberTypeDefs;

type MembersArgs = ConnectionArgs & { relations?: string[] | null; search?: string | null };

// Member lists are small: read whole, as the REST members API reads them, and paged here by user id.
const ALL = { page: 1, perPage: Number.MAX_SAFE_INTEGER };

function connection(members: MemberFacts[], args: MembersArgs, baseUrl: string) {
  const request = pageRequest(args);
  const rows = distinctMembers(members).filter((member) => member.user.id > request.afterKey);
  const page = keysetConnection(rows.slice(0, request.limit + 1), request, (member) => member.user.id);
  return { ...page, nodes: page.nodes.map((member) => memberNode(member, baseUrl)), edges: page.edges.map((edge) => ({ ...edge, node: memberNode(edge.node, baseUrl) })) };
}

/**
 * `projectMembers` and `groupMembers` with GitLab's `relations` (DIRECT, INHERITED; Ferry shares no groups, so the
 * sharing relations add nothing), what GitLab's MembersPipeline asks a source for. Ferry gives away no public email.
 */
export const resolvers: Resolvers<GraphqlContext> = {
  Project: {
    projectMembers: async (project: ProjectWithAccess, args: MembersArgs, { baseUrl }) => {
      const relations = new Set(args.relations ?? ["DIRECT", "INHERITED"]);
      const search = args.search ?? undefined;
      const direct = relations.has("DIRECT") ? (await listProjectMembers(project, { inherited: false, search, ...ALL })).rows : [];
      const inherited = relations.has("INHERITED") ? (await listMembers(project.namespace, { inherited: true, search, ...ALL })).rows : [];
      const members: MemberFacts[] = [
        ...direct.map((row) => ({ kind: "ProjectMember" as const, id: row.userId, accessLevel: row.accessLevel, createdAt: row.createdAt, expiresAt: row.expiresAt, user: { id: row.userId, username: row.username, name: row.name, publicEmail: null, state: row.state } })),
        ...inherited.map((row) => ({ kind: "GroupMember" as const, id: row.userId, accessLevel: row.accessLevel, createdAt: row.createdAt, expiresAt: row.expiresAt, user: { id: row.userId, username: row.username, name: row.name, publicEmail: null, state: "active" } })),
      ];
      return connection(members, args, baseUrl);
    },
  },
  Group: {
    groupMembers: async (group: GroupWithAccess, args: MembersArgs, { baseUrl }) => {
      const relations = new Set(args.relations ?? ["DIRECT", "INHERITED"]);
      const search = args.search ?? undefined;
      const rows = relations.has("INHERITED")
        ? (await listMembers(group, { inherited: true, search, ...ALL })).rows.filter((row) => relations.has("DIRECT") || row.sourceGroupId !== group.id)
        : relations.has("DIRECT")
          ? (await listMembers(group, { inherited: false, search, ...ALL })).rows
          : [];
      const members: MemberFacts[] = rows.map((row) => ({ kind: "GroupMember" as const, id: row.userId, accessLevel: row.accessLevel, createdAt: row.createdAt, expiresAt: row.expiresAt, user: { id: row.userId, username: row.username, name: row.name, publicEmail: null, state: "active" } }));
      return connection(members, args, baseUrl);
    },
  },
};
