import { graphql, type GraphQLSchema } from "graphql";
import { connectionTypeDefs, executableSchema, type SchemaModule } from "@/lib/graphql";
import type { RequestContext } from "./context";
import type { GraphqlSourceContext } from "./graphql-context";
import * as members from "./graphql-members";
import * as namespaces from "./graphql-namespaces";
import * as snippets from "./graphql-snippets";
import { sendJson } from "./respond";

/** The parts of GitLab's GraphQL schema the importers ask a source for; each file adds its types and resolvers. */
const MODULES: readonly SchemaModule<GraphqlSourceContext>[] = [{ typeDefs: connectionTypeDefs, resolvers: {} }, namespaces, snippets, members];

let schema: GraphQLSchema | undefined;
const sourceSchema = () => (schema ??= executableSchema(MODULES));

/** POST /api/graphql: GitLab answers every query with 200, its errors in `errors`. */
export async function postGraphql(ctx: RequestContext): Promise<void> {
  const query = ctx.query.get("query");
  let variables: Record<string, unknown> | undefined;
  try {
    variables = JSON.parse(ctx.query.get("variables") ?? "{}") as Record<string, unknown>;
  } catch {
    return sendJson(ctx, 200, { errors: [{ message: "Variables are invalid JSON." }] });
  }
  if (!query) return sendJson(ctx, 200, { errors: [{ message: "No query string was present" }] });
  const result = await graphql({ schema: sourceSchema(), source: query, variableValues: variables, contextValue: { ctx } });
  return sendJson(ctx, 200, result);
}
