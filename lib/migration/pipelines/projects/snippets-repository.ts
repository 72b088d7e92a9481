import { and, eq, sql } from "drizzle-orm";
import { snippets, type Db } from "@/lib/db";
import { graphqlPages, type SourceClient } from "@/lib/gitlab";
import { relationOf } from "@/lib/relations";
import { createRepository, fetchMirror, MirrorError, removeRepository, repositoryExists, RepositoryExistsError, repositoryPath } from "@/lib/repositories";
import { validateSnippetRepository } from "@/lib/snippets";
import { RecordError } from "../../errors";
import { recordFailure } from "../../record-failure";
import { ownerOf } from "../support/owner";
import type { EntityContext, RestPipeline } from "../support/types";
import { restoreArchiveSnippets } from "./archive-bundles";

// GitLab's GetSnippetRepositoryQuery, word for word: a source that answers GitLab's importer answers Ferry's.
const QUERY = `query($full_path: ID!) { project(fullPath: $full_path) { snippets { page_info: pageInfo { next_page: endCursor has_next_page: hasNextPage } nodes { title createdAt httpUrlToRepo } } } }`;

interface SnippetNode {
  title?: unknown;
  createdAt?: unknown;
  httpUrlToRepo?: unknown;
}

interface AliasedConnection {
  nodes: SnippetNode[];
  page_info?: { next_page?: string | null; has_next_page?: boolean };
}

function connectionOf(data: unknown) {
  const connection = (data as { project?: { snippets?: AliasedConnection | null } | null } | null)?.project?.snippets;
  if (!connection) return null;
  return { nodes: connection.nodes, pageInfo: { endCursor: connection.page_info?.next_page ?? null, hasNextPage: connection.page_info?.has_next_page === true } };
}

/**
 * The repository path below the source's URL that `httpUrlToRepo` names, or a RecordError: the token goes to the
 * source instance only, never to another host a GraphQL answer names.
 */
function sourceRepositoryPath(entity: EntityContext, url: string): string {
  const base = new URL(`${entity.sourceUrl.replace(/\/+$/, "")}/`);
  let target: URL;
  try {
    target = new URL(url);
  } catch {
    throw new RecordError(`httpUrlToRepo ${JSON.stringify(url.slice(0, 100))} is not a URL`);
  }
  if (target.origin !== base.origin || !target.pathname.startsWith(base.pathname) || target.search || target.hash || target.username || target.password) {
    throw new RecordError("httpUrlToRepo is not a repository of the source instance", "Gitlab::HTTP_V2::UrlBlocker::BlockedUrlError");
  }
  const path = decodeURIComponent(target.pathname.slice(base.pathname.length));
  if (!/\.git$/.test(path) || path.split("/").some((segment) => segment === "" || segment === "." || segment === "..")) throw new RecordError("httpUrlToRepo is not a repository address");
  return path;
}

/** The imported snippet a node stands for: same project, same title, created the same second (GitLab's match). */
async function matchSnippet(db: Db, projectId: number, node: { title: string; createdAt: string }): Promise<number | undefined> {
  const createdAt = new Date(node.createdAt);
  if (Number.isNaN(createdAt.getTime())) return undefined;
  const [row] = await db
    .select({ id: snippets.id })
    .from(snippets)
    .where(and(eq(snippets.projectId, projectId), eq(snippets.title, node.title), sql`date_trunc('second', ${snippets.createdAt}) = date_trunc('second', ${createdAt.toISOString()}::timestamptz)`))
    .orderBy(snippets.id)
    .limit(1);
  return row?.id;
}

/** Mirrors one snippet's repository and holds it to GitLab's rules; a repository that breaks one is removed. */
async function mirrorSnippet(client: SourceClient, snippetId: number, path: string): Promise<void> {
  if (!(await repositoryExists(snippetId, "snippet"))) {
    await createRepository(snippetId, { kind: "snippet" }).catch((error: unknown) => {
      // Made by an earlier run of this job: fetched into all the same.
      if (!(error instanceof RepositoryExistsError)) throw error;
    });
  }
  try {
    await fetchMirror(repositoryPath(snippetId, "snippet"), await client.gitRemote(path));
  } catch (error) {
    await removeRepository(snippetId, "snippet");
    if (error instanceof MirrorError) throw new RecordError(error.message, "Gitlab::Git::CommandError");
    throw error;
  }
  const invalid = await validateSnippetRepository(repositoryPath(snippetId, "snippet"));
  if (invalid) {
    await removeRepository(snippetId, "snippet");
    throw new RecordError(`Error: ${invalid}`, "Snippets::RepositoryValidationService::RepositoryValidationError");
  }
}

/**
 * Stage 4 of a project entity (GitLab's SnippetsRepositoryPipeline): the source's GraphQL lists the project's
 * snippets with the clone URL of each one's repository; each is matched to a snippet the `snippets` relation imported
 * (title and creation time), mirrored as `oauth2:<token>` under the URL policy, and validated as GitLab validates a
 * snippet repository. A node without a repository or without a match is skipped; a repository that cannot be fetched
 * or breaks a rule is removed and is one failure, and the others go on. A replay fetches again.
 */
export const snippetsRepositoryPipeline: RestPipeline = {
  kind: "rest",
  relation: "snippets_repository",
  async run({ entity, client, db }) {
    const { projectId } = ownerOf(entity);
    const pipelineClass = relationOf("project", "snippets_repository")?.pipelineClass ?? "SnippetsRepositoryPipeline";
    let source = 0;
    let fetched = 0;
    let imported = 0;
    let position = 0;
    for await (const nodes of graphqlPages<SnippetNode>(client, QUERY, { full_path: entity.sourceFullPath }, connectionOf)) {
      for (const node of nodes) {
        position++;
        if (typeof node?.httpUrlToRepo !== "string" || typeof node.title !== "string" || typeof node.createdAt !== "string") continue;
        source++;
        const snippetId = await matchSnippet(db, projectId!, { title: node.title, createdAt: node.createdAt });
        if (snippetId === undefined) continue;
        fetched++;
        try {
          await mirrorSnippet(client, snippetId, sourceRepositoryPath(entity, node.httpUrlToRepo));
          imported++;
        } catch (error) {
          if (!(error instanceof RecordError)) throw error;
          await recordFailure({ entityId: entity.entityId, relation: "snippets_repository", pipelineClass, pipelineStep: "loader", error, sourceTitle: node.title, batchNumber: 0, lineNumber: position });
        }
      }
    }
    return { source, fetched, imported };
  },
  // A file import: each snippet's `snippets/<digest>.bundle` of the archive.
  fromArchive: ({ entity, db }) => restoreArchiveSnippets(entity, db),
};
