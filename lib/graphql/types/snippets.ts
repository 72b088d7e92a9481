import type { ProjectWithAccess } from "@/lib/projects";
import { snippetRepository, snippetsAfter, type SnippetRow } from "@/lib/snippets";
import { keysetConnection, pageRequest, type ConnectionArgs } from "../connection";
import type { GraphqlContext } from "../context";
import type { Resolvers } from "../executable-schema";
import { globalId } from "../global-id";

/**
 * `project.snippets`, what GitLab's SnippetsRepositoryPipeline asks a source for: the snippets the viewer may read,
 * each with the clone address of its repository (`<project>/snippets/<id>.git`, GitLab's), oldest first by id.
 */
export const typeDefs = /* GraphQL */ `
  extend type Project {
    snippets(first: Int, after: String): SnippetConnection
  }

  type SnippetConnection {
    nodes: [Snippet!]!
    edges: [SnippetEdge!]!
    pageInfo: PageInfo!
  }

  type SnippetEdge {
    cursor: String!
    node: Snippet!
  }

  type Snippet {
    id: ID!
    title: String!
    description: String
    fileName: String
    visibilityLevel: String!
    createdAt: String!
    updatedAt: String!
    webUrl: String!
    rawUrl: String!
    httpUrlToRepo: String
  }
`;

type Node = SnippetRow & { project: ProjectWithAccess };

const VISIBILITY: Record<number, string> = { 0: "private", 10: "internal", 20: "public" };
const snippetUrl = (snippet: Node, baseUrl: string) => `${baseUrl}/${snippet.project.fullPath}/-/snippets/${snippet.id}`;

export const resolvers: Resolvers<GraphqlContext> = {
  Project: {
    snippets: async (project: ProjectWithAccess, args: ConnectionArgs, { viewer }) => {
      const request = pageRequest(args);
      const rows = await snippetsAfter(viewer, project, request.afterKey, request.limit + 1);
      return keysetConnection(
        rows.map((row) => ({ ...row, project })),
        request,
        (row) => row.id,
      );
    },
  },
  Snippet: {
    id: (snippet: Node) => globalId("ProjectSnippet", snippet.id),
    fileName: (snippet: Node) => snippet.fileName || null,
    visibilityLevel: (snippet: Node) => VISIBILITY[snippet.visibilityLevel] ?? "private",
    createdAt: (snippet: Node) => snippet.createdAt.toISOString(),
    updatedAt: (snippet: Node) => snippet.updatedAt.toISOString(),
    webUrl: (snippet: Node, _args, { baseUrl }) => snippetUrl(snippet, baseUrl),
    rawUrl: (snippet: Node, _args, { baseUrl }) => `${snippetUrl(snippet, baseUrl)}/raw`,
    // Null for a snippet without a repository (its legacy file only): GitLab's importer skips such a node rather than
    // fail on a clone that finds nothing.
    httpUrlToRepo: async (snippet: Node, _args, { baseUrl }) => ((await snippetRepository(snippet.id)) ? `${baseUrl}/${snippet.project.fullPath}/snippets/${snippet.id}.git` : null),
  },
};
