import { distinctMembers, keysetConnection, memberNode, memberTypeDefs, pageRequest, type ConnectionArgs, type MemberFacts, type Resolvers } from "@/lib/graphql";
import type { GraphqlSourceContext } from "./graphql-context";
import { isoDate, type FixtureStore, type SourceGroup, type SourceProject } from "./fixture-store";
import { readRecords } from "./relation-source";

export const typeDefs = memberTypeDefs;

type MembersArgs = ConnectionArgs & { relations?: string[] | null };

/** The members of these groups as their `members` exports list them, nearest group first. */
async function groupMemberships(store: FixtureStore, groups: SourceGroup[]): Promise<MemberFacts[]> {
  const all: MemberFacts[] = [];
  for (const group of groups) {
    const source = group.relations.get("members");
    for (const record of source ? await readRecords(source) : []) {
      const user = record.user as { id: number; username: string; public_email?: string | null };
      const known = store.users.get(user.id);
      all.push({
        kind: "GroupMember",
        id: typeof record.id === "number" ? record.id : group.id * 100_000 + user.id,
        accessLevel: Number(record.access_level),
        createdAt: isoDate(record.created_at),
        expiresAt: typeof record.expires_at === "string" ? record.expires_at : null,
        user: { id: user.id, username: user.username, name: known?.name ?? user.username, publicEmail: user.public_email ?? null, state: "active" },
      });
    }
  }
  return all;
}

function projectMemberships(store: FixtureStore, project: SourceProject): MemberFacts[] {
  return [...project.members].flatMap(([userId, member]) => {
    const user = store.users.get(userId);
    if (!user) return [];
    return [{ kind: "ProjectMember" as const, id: project.id * 100_000 + userId, accessLevel: member.accessLevel, createdAt: member.createdAt, expiresAt: member.expiresAt, user: { ...user, state: "active" } }];
  });
}

function connection(members: MemberFacts[], args: MembersArgs, baseUrl: string) {
  const request = pageRequest(args);
  const rows = distinctMembers(members).filter((member) => member.user.id > request.afterKey);
  const page = keysetConnection(rows.slice(0, request.limit + 1), request, (member) => member.user.id);
  return { ...page, nodes: page.nodes.map((member) => memberNode(member, baseUrl)), edges: page.edges.map((edge) => ({ ...edge, node: memberNode(edge.node, baseUrl) })) };
}

/**
 * `projectMembers` and `groupMembers` with GitLab's `relations`: DIRECT (the project's own members, or the group's),
 * INHERITED (those of its group and the group's ancestors, as their `members` exports list them); sharing between
 * groups is not modelled here.
 */
export const resolvers: Resolvers<GraphqlSourceContext> = {
  Project: {
    projectMembers: async (project: SourceProject, args: MembersArgs, { ctx }) => {
      const relations = new Set(args.relations ?? ["DIRECT", "INHERITED"]);
      const members = [
        ...(relations.has("DIRECT") ? projectMemberships(ctx.store, project) : []),
        ...(relations.has("INHERITED") ? await groupMemberships(ctx.store, ctx.store.lineage(ctx.store.projectGroup(project))) : []),
      ];
      return connection(members, args, ctx.baseUrl);
    },
  },
  Group: {
    groupMembers: async (group: SourceGroup, args: MembersArgs, { ctx }) => {
      const relations = new Set(args.relations ?? ["DIRECT", "INHERITED"]);
      const members = [
        ...(relations.has("DIRECT") ? await groupMemberships(ctx.store, [group]) : []),
        ...(relations.has("INHERITED") ? await groupMemberships(ctx.store, ctx.store.lineage(group).slice(1)) : []),
      ];
      return connection(members, args, ctx.baseUrl);
    },
  },
};
