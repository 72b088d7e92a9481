import type { IncomingMessage } from "node:http";
import type { RequestContext } from "./context";
import { apiError, sendJson } from "./respond";
import { ROUTES } from "./routes";
import type { RequestLogEntry } from "./types";

/** The token as GitLab accepts it: PRIVATE-TOKEN header, `Authorization: Bearer`, or the `private_token` parameter. */
export function readToken(req: IncomingMessage, query: URLSearchParams): { value: string | null; via: RequestLogEntry["tokenVia"] } {
  const header = req.headers["private-token"];
  if (typeof header === "string" && header) return { value: header, via: "header" };
  const bearer = /^Bearer\s+(.+)$/i.exec(req.headers.authorization ?? "");
  if (bearer?.[1]) return { value: bearer[1].trim(), via: "bearer" };
  const param = query.get("private_token");
  if (param) return { value: param, via: "query" };
  return { value: null, via: null };
}

// Routes a read_user token may call besides the ones any token may.
const READ_USER_ROUTES = new Set<string>([ROUTES.currentUser, ROUTES.user, ROUTES.version, ROUTES.metadata]);

/** Authenticates the request and checks the token's scope; answers 401/403 itself and returns false when refused. */
export async function authenticate(ctx: RequestContext): Promise<boolean> {
  const { value, via } = readToken(ctx.req, ctx.query);
  ctx.log.tokenVia = via;
  const token = value ? ctx.store.tokens.get(value) : undefined;
  if (!token) {
    await apiError(ctx, 401, "401 Unauthorized");
    return false;
  }
  if (token.expiresAt && new Date(`${token.expiresAt}T23:59:59Z`).getTime() < Date.now()) {
    await sendJson(ctx, 401, { error: "invalid_token", error_description: "Token has expired." });
    return false;
  }
  const user = ctx.store.users.get(token.userId);
  if (!user) {
    await apiError(ctx, 401, "401 Unauthorized");
    return false;
  }
  const required = requiredScopes(ctx);
  if (required && !token.scopes.some((scope) => required.includes(scope))) {
    await sendJson(ctx, 403, {
      error: "insufficient_scope",
      error_description: "The request requires higher privileges than provided by the access token.",
      scope: required.join(" "),
    });
    return false;
  }
  ctx.token = token;
  ctx.user = user;
  return true;
}

/** Scopes that allow the request (any one is enough), or null when any valid token will do. */
function requiredScopes(ctx: RequestContext): string[] | null {
  const route = ctx.log.route;
  if (route === ROUTES.tokenSelf) return null;
  // GraphQL queries are POSTs that only read: GitLab takes read_api for them (mutations need api).
  if (route === "/api/graphql") return ["api", "read_api"];
  if (ctx.req.method !== "GET" && ctx.req.method !== "HEAD") return ["api"];
  if (route && READ_USER_ROUTES.has(route)) return ["api", "read_api", "read_user"];
  return ["api", "read_api"];
}
