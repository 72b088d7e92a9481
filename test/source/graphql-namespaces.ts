import type { Resolvers } from "@/lib/graphql";
import type { GraphqlSourceContext } from "./graphql-context";
import type { SourceGroup, SourceProject } from "./fixture-store";
import { canSeeProject } from "./routes-projects";

/** `project(fullPath:)` and `group(fullPath:)` as GitLab answers them: null for what the token's user may not see. */
export const typeDefs = /* GraphQL */ `
  type Query {
    project(fullPath: ID!): Project
    group(fullPath: ID!): Group
  }
  type Project {
    id: ID!
    name: String!
    path: String!
    fullPath: ID!
    httpUrlToRepo: String
    webUrl: String
  }
  type Group {
    id: ID!
    name: String!
    path: String!
    fullPath: ID!
    webUrl: String
  }
`;

export const resolvers: Resolvers<GraphqlSourceContext> = {
  Query: {
    project: (_parent, { fullPath }: { fullPath: string }, { ctx }) => {
      const project = ctx.store.findProject(fullPath);
      return project && !/^\d+$/.test(fullPath) && canSeeProject(ctx, project) ? project : null;
    },
    group: (_parent, { fullPath }: { fullPath: string }, { ctx }) => {
      const group = /^\d+$/.test(fullPath) ? undefined : ctx.store.find(fullPath);
      return group && (ctx.user.isAdmin || group.visibilityLevel >= 10 || ctx.store.accessLevel(group, ctx.user.id) > 0) ? group : null;
    },
  },
  Project: {
    id: (project: SourceProject) => `gid://gitlab/Project/${project.id}`,
    fullPath: (project: SourceProject) => project.fullPath,
    httpUrlToRepo: (project: SourceProject, _args, { ctx }) => `${ctx.baseUrl}/${project.fullPath}.git`,
    webUrl: (project: SourceProject, _args, { ctx }) => `${ctx.baseUrl}/${project.fullPath}`,
  },
  Group: {
    id: (group: SourceGroup) => `gid://gitlab/Group/${group.id}`,
    fullPath: (group: SourceGroup, _args, { ctx }) => ctx.store.fullPath(group),
    webUrl: (group: SourceGroup, _args, { ctx }) => `${ctx.baseUrl}/groups/${ctx.store.fullPath(group)}`,
  },
};
