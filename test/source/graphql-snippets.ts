import type { Resolvers } from "@/lib/graphql";
import type { GraphqlSourceContext } from "./graphql-context";
import type { SourceProject } from "./fixture-store";
import type { SnippetSpec } from "./types";

/**
 * `project.snippets`, what GitLab's SnippetsRepositoryPipeline asks a source for (reference §4.5): every snippet in one
 * page (its query passes no `first`), each with the clone URL of its repository, null for one without.
 */
export const typeDefs = /* GraphQL */ `
  extend type Project {
    snippets(first: Int, after: String): SnippetConnection
  }
  type SnippetConnection {
    nodes: [Snippet!]!
    pageInfo: PageInfo!
  }
  type Snippet {
    id: ID!
    title: String!
    createdAt: String!
    httpUrlToRepo: String
  }
`;

type SourceSnippet = SnippetSpec & { project: SourceProject };

export const resolvers: Resolvers<GraphqlSourceContext> = {
  Project: {
    snippets: (project: SourceProject) => ({
      nodes: project.snippets.map((snippet) => ({ ...snippet, project })),
      pageInfo: { endCursor: null, hasNextPage: false, startCursor: null, hasPreviousPage: false },
    }),
  },
  Snippet: {
    id: (snippet: SourceSnippet) => `gid://gitlab/ProjectSnippet/${snippet.id}`,
    httpUrlToRepo: (snippet: SourceSnippet, _args, { ctx }) => (snippet.repository ? `${ctx.baseUrl}/${snippet.project.fullPath}/snippets/${snippet.id}.git` : null),
  },
};
