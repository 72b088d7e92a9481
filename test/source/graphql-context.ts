import type { RequestContext } from "./context";

/** What the test source's GraphQL resolvers get: the request, with its store, user and base URL. */
export interface GraphqlSourceContext {
  ctx: RequestContext;
}
