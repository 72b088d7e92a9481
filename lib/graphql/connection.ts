import { GraphQLError } from "graphql";

/** GitLab's default and largest page of a connection (`default_max_page_size`): a larger `first` gets this many. */
export const MAX_PAGE_SIZE = 100;

export interface ConnectionArgs {
  first?: number | null;
  after?: string | null;
}

export interface PageInfo {
  endCursor: string | null;
  hasNextPage: boolean;
  startCursor: string | null;
  hasPreviousPage: boolean;
}

export interface Connection<T> {
  nodes: T[];
  edges: { cursor: string; node: T }[];
  pageInfo: PageInfo;
  count?: number;
}

// Opaque to clients, as GitLab's (base64 of JSON): a client passes back what it was given and reads nothing into it.
const encodeCursor = (key: number) => Buffer.from(JSON.stringify({ id: String(key) })).toString("base64");

function decodeCursor(cursor: string): number {
  try {
    const parsed = JSON.parse(Buffer.from(cursor, "base64").toString("utf8")) as { id?: unknown };
    const key = Number(parsed.id);
    if (Number.isSafeInteger(key) && key >= 0) return key;
  } catch {
    // Falls through to the error below.
  }
  throw new GraphQLError("Please provide a valid cursor", { extensions: { code: "argumentError" } });
}

/** The page a connection's arguments ask for: how many rows, after which key (exclusive; 0 from the start). */
export function pageRequest(args: ConnectionArgs): { limit: number; afterKey: number } {
  const first = args.first ?? MAX_PAGE_SIZE;
  if (!Number.isInteger(first) || first < 0) throw new GraphQLError("first must be a non-negative integer", { extensions: { code: "argumentError" } });
  return { limit: Math.min(first, MAX_PAGE_SIZE), afterKey: args.after ? decodeCursor(args.after) : 0 };
}

/**
 * A keyset page: `rows` are the rows after `afterKey` in key order, fetched with `limit + 1` so that one extra row tells
 * whether there is a next page without counting the rest.
 */
export function keysetConnection<T>(rows: readonly T[], request: { limit: number; afterKey: number }, keyOf: (row: T) => number): Connection<T> {
  const page = rows.slice(0, request.limit);
  const edges = page.map((node) => ({ cursor: encodeCursor(keyOf(node)), node }));
  return {
    nodes: page,
    edges,
    pageInfo: {
      endCursor: edges.at(-1)?.cursor ?? null,
      startCursor: edges[0]?.cursor ?? null,
      hasNextPage: rows.length > request.limit,
      hasPreviousPage: request.afterKey > 0,
    },
  };
}

/** The connection types every paginated field shares (GitLab's names). */
export const connectionTypeDefs = /* GraphQL */ `
  type PageInfo {
    endCursor: String
    hasNextPage: Boolean!
    hasPreviousPage: Boolean!
    startCursor: String
  }
`;
