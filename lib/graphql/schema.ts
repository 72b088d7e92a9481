import type { GraphQLSchema } from "graphql";
import { connectionTypeDefs } from "./connection";
import type { GraphqlContext } from "./context";
import { executableSchema, type SchemaModule } from "./executable-schema";
import * as members from "./types/members";
import * as namespaces from "./types/namespaces";
import * as snippets from "./types/snippets";

/**
 * Ferry's GraphQL schema: the part of GitLab's that importers and scripts ask a source for. Adding to it: a file under
 * types/ with its `typeDefs` (extending Project or Group) and `resolvers`, and its line here.
 */
const MODULES: readonly SchemaModule<GraphqlContext>[] = [{ typeDefs: connectionTypeDefs, resolvers: {} }, namespaces, snippets, members];

let schema: GraphQLSchema | undefined;

export function graphqlSchema(): GraphQLSchema {
  schema ??= executableSchema(MODULES);
  return schema;
}
