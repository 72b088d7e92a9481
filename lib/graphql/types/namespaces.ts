import { findGroup, type GroupWithAccess } from "@/lib/groups";
import { findProject, type ProjectWithAccess } from "@/lib/projects";
import type { GraphqlContext } from "../context";
import type { Resolvers } from "../executable-schema";
import { globalId } from "../global-id";

/**
 * `project(fullPath:)` and `group(fullPath:)`, what GitLab's importers ask a source for first, with the fields Ferry
 * has. Other files extend Project and Group with their connections (`extend type Project`). A project or group the
 * viewer may not see is null, as on GitLab: its existence is not told.
 */
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
    nameWithNamespace: String!
    description: String
    visibility: String
    archived: Boolean
    createdAt: String
    webUrl: String
    httpUrlToRepo: String
    group: Group
  }

  type Group {
    id: ID!
    name: String!
    path: String!
    fullPath: ID!
    fullName: String!
    description: String
    visibility: String
    createdAt: String
    webUrl: String
  }
`;

export const resolvers: Resolvers<GraphqlContext> = {
  Query: {
    project: (_parent, args: { fullPath: string }, { viewer }) => findProject(viewer, args.fullPath).then((p) => p ?? null),
    group: (_parent, args: { fullPath: string }, { viewer }) => findGroup(viewer, args.fullPath).then((g) => g ?? null),
  },
  Project: {
    id: (project: ProjectWithAccess) => globalId("Project", project.id),
    description: (project: ProjectWithAccess) => project.description || null,
    createdAt: (project: ProjectWithAccess) => project.createdAt.toISOString(),
    webUrl: (project: ProjectWithAccess, _args, { baseUrl }) => `${baseUrl}/${project.fullPath}`,
    httpUrlToRepo: (project: ProjectWithAccess, _args, { baseUrl }) => `${baseUrl}/${project.fullPath}.git`,
    group: (project: ProjectWithAccess, _args, { viewer }) => findGroup(viewer, project.namespace.id).then((g) => g ?? null),
  },
  Group: {
    id: (group: GroupWithAccess) => globalId("Group", group.id),
    description: (group: GroupWithAccess) => group.description || null,
    createdAt: (group: GroupWithAccess) => group.createdAt.toISOString(),
    webUrl: (group: GroupWithAccess, _args, { baseUrl }) => `${baseUrl}/groups/${group.fullPath}`,
  },
};
