import type { SourceClient } from "./client";
import { SourceError } from "./errors";

/** A GraphQL connection as GitLab's importers alias it or not: nodes and the end cursor of the page. */
export interface GraphqlPage<T> {
  nodes: T[];
  pageInfo: { endCursor: string | null; hasNextPage: boolean };
}

/**
 * Every page of a connection, following `endCursor` while `hasNextPage`, as GitLab's GraphQL extractor does: the query
 * takes `$cursor` and `$per_page`, and `select` finds the connection in the answer (null: the portable is gone).
 * `maxPages` bounds a source that never stops; a cursor that does not move is a broken source, not a loop.
 */
export async function* graphqlPages<T>(
  client: SourceClient,
  query: string,
  variables: Record<string, unknown>,
  select: (data: unknown) => GraphqlPage<T> | null | undefined,
  options: { perPage?: number; maxPages?: number } = {},
): AsyncGenerator<T[], void, undefined> {
  let cursor: string | null = null;
  const maxPages = options.maxPages ?? 10_000;
  for (let page = 0; page < maxPages; page++) {
    const data: unknown = await client.graphql(query, { ...variables, cursor, per_page: options.perPage ?? 100 });
    const connection = select(data);
    if (!connection) return;
    if (!Array.isArray(connection.nodes)) throw new SourceError("bad_response", "The source instance's GraphQL API answered a connection without nodes.", { path: "/graphql" });
    yield connection.nodes;
    const next = connection.pageInfo?.endCursor ?? null;
    if (!connection.pageInfo?.hasNextPage || !next) return;
    if (next === cursor) throw new SourceError("bad_response", "The source instance's GraphQL API gave the same page cursor twice.", { path: "/graphql" });
    cursor = next;
  }
}
