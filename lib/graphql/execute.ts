import { execute, GraphQLError, parse, specifiedRules, validate, type DocumentNode, type ExecutionResult } from "graphql";
import { logger } from "@/lib/log";
import type { GraphqlContext } from "./context";
import { maxDepthRule } from "./depth";
import { graphqlSchema } from "./schema";

// GitLab's limits for authenticated queries (GitlabSchema): longer or deeper queries are refused before they run.
const MAX_QUERY_LENGTH = 10_000;
const MAX_DEPTH = 20;

export interface GraphqlRequest {
  query?: unknown;
  variables?: unknown;
  operationName?: unknown;
}

const failed = (message: string): ExecutionResult => ({ errors: [new GraphQLError(message)] });

/**
 * One GraphQL request, read only (the schema has no mutations). Errors are answered as GitLab does, in `errors` with
 * HTTP 200; an unexpected error is logged and answered without its message, so nothing internal reaches the client.
 */
export async function executeGraphql(request: GraphqlRequest, context: GraphqlContext): Promise<ExecutionResult> {
  const { query, variables, operationName } = request;
  if (typeof query !== "string" || query.trim() === "") return failed("No query string was present");
  if (query.length > MAX_QUERY_LENGTH) return failed("Query too large");
  if (variables !== undefined && variables !== null && (typeof variables !== "object" || Array.isArray(variables))) return failed("Variables must be an object");
  if (operationName !== undefined && operationName !== null && typeof operationName !== "string") return failed("operationName must be a string");

  let document: DocumentNode;
  try {
    document = parse(query);
  } catch (error) {
    return { errors: [error instanceof GraphQLError ? error : new GraphQLError("Syntax error")] };
  }
  const schema = graphqlSchema();
  const invalid = validate(schema, document, [...specifiedRules, maxDepthRule(MAX_DEPTH)]);
  if (invalid.length > 0) return { errors: invalid };

  const result = await execute({
    schema,
    document,
    contextValue: context,
    variableValues: (variables ?? undefined) as Record<string, unknown> | undefined,
    operationName: operationName ?? undefined,
  });
  if (!result.errors) return result;
  return {
    ...result,
    errors: result.errors.map((error) => {
      // Errors the schema raises on purpose are GraphQLErrors without another cause; anything else is a fault here.
      if (!error.originalError || error.originalError instanceof GraphQLError) return error;
      logger.error({ err: error.originalError, path: error.path }, "graphql resolver failed");
      return new GraphQLError("Internal server error", { path: error.path, nodes: error.nodes });
    }),
  };
}
