// Public face of lib/graphql: Ferry's GraphQL API (the part of GitLab's that importers and scripts use).
export { executeGraphql, type GraphqlRequest } from "./execute";
export type { GraphqlContext } from "./context";
export { keysetConnection, MAX_PAGE_SIZE, pageRequest, type Connection, type ConnectionArgs } from "./connection";
export { globalId } from "./global-id";
export { executableSchema, type Resolvers, type SchemaModule } from "./executable-schema";
export { connectionTypeDefs } from "./connection";
export { distinctMembers, memberNode, memberTypeDefs, type MemberFacts } from "./members";
