import { executeGraphql, type GraphqlRequest } from "@/lib/graphql";
import { baseUrlOf } from "./base-url";
import { readBodyBytes } from "./body";
import { apiRoute } from "./request-auth";
import { json } from "./responses";

/** The request's query: a JSON body (`{query, variables, operationName}`), or `?query=&variables=` on a GET. */
async function graphqlRequest(request: Request, url: URL): Promise<GraphqlRequest | string> {
  if (request.method === "GET") {
    const variables = url.searchParams.get("variables");
    try {
      return { query: url.searchParams.get("query"), variables: variables ? JSON.parse(variables) : undefined, operationName: url.searchParams.get("operationName") };
    } catch {
      return "Variables are invalid JSON";
    }
  }
  const text = Buffer.from(await readBodyBytes(request)).toString("utf8");
  try {
    const body = JSON.parse(text) as unknown;
    return body && typeof body === "object" && !Array.isArray(body) ? (body as GraphqlRequest) : "The request body is not a JSON object";
  } catch {
    return "The request body is not valid JSON";
  }
}

/**
 * POST /api/graphql (and GET, as GitLab takes both): the read-only part of GitLab's GraphQL API Ferry answers, for a
 * token's user or anonymously for what is public, with the REST API's token rules (a bad token is a 401).
 */
export const graphqlRoute = apiRoute("public", async ({ request, url, viewer }) => {
  const parsed = await graphqlRequest(request, url);
  if (typeof parsed === "string") return json({ errors: [{ message: parsed }] }, { status: 400 });
  return json(await executeGraphql(parsed, { viewer, baseUrl: baseUrlOf(request) }));
});
