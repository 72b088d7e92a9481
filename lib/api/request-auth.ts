import { authenticateToken, type TokenIdentity, type TokenScope } from "@/lib/auth/tokens";
import { logger } from "@/lib/log";
import { ANONYMOUS_VIEWER, type Viewer } from "@/lib/viewer";
import { BodyTooLarge, bodyTooLarge, declaredTooLarge } from "./body";
import { ParamError } from "./param-error";
import { queryPairs } from "./params";
import { decodePathParams } from "./raw-input";
import { insufficientScope, json, unauthorized } from "./responses";

/** The token a GitLab client sends: PRIVATE-TOKEN header, Authorization: Bearer, or private_token in the query. */
export function tokenFromRequest(request: Request): string | null {
  const header = request.headers.get("private-token");
  if (header) return header.trim();
  const authorization = request.headers.get("authorization");
  const bearer = authorization?.match(/^Bearer\s+(.+)$/i);
  if (bearer?.[1]) return bearer[1].trim();
  return new URL(request.url).searchParams.get("private_token");
}

export interface ApiContext<P, I extends TokenIdentity | null = TokenIdentity> {
  request: Request;
  url: URL;
  /** The token and its user; null only on a public route called without a token. */
  identity: I;
  /** Whom access checks see: the token's user, or ANONYMOUS_VIEWER. */
  viewer: Viewer;
  /** Path parameters, URL-decoded and vetted (no NUL, valid UTF-8). */
  params: P;
}

/**
 * `public`: a read GitLab answers without a token too (public groups, their badges, epics, iterations, avatars; user
 * profiles), for whatever an anonymous viewer may see. `read`: a token with `api` or `read_api`. `write`: `api`.
 */
export type ApiAccess = "public" | "read" | "write";

type RouteHandler<P> = (request: Request, context: { params: Promise<P> }) => Promise<Response>;

export interface ApiRouteOptions {
  /**
   * Scopes a read (GET or HEAD) takes besides `api` and `read_api`: GitLab's allow_access_with_scope, as the
   * repository files API takes `read_repository`.
   */
  readScopes?: readonly TokenScope[];
  /**
   * The route streams its body itself, under a limit of its own (an uploaded export archive): the general cap on
   * request bodies does not apply to it.
   */
  streamsBody?: boolean;
}

function allows(identity: TokenIdentity, access: ApiAccess, request: Request, options: ApiRouteOptions): boolean {
  if (access === "write") return identity.scopes.includes("api");
  const read = request.method === "GET" || request.method === "HEAD";
  return identity.scopes.some((s) => s === "api" || s === "read_api" || (read && (options.readScopes?.includes(s) ?? false)));
}

/**
 * Wraps an /api/v4 route. In this order, as GitLab's middleware and Grape do: a declared body past the size cap is a
 * 413; a NUL or invalid UTF-8 in the path or query is a 400 naming the parameter; then the personal access token is
 * resolved (a wrong, revoked or expired one is a 401 even where none is needed: GitLab never falls back to anonymous)
 * and its scope enforced. ParamError and BodyTooLarge thrown by the route's parsers become their 400 and 413, and
 * anything else a bare 500, so no stack trace reaches the client.
 */
export function apiRoute<P = Record<string, never>>(access: "public", handler: (context: ApiContext<P, TokenIdentity | null>) => Promise<Response>, options?: ApiRouteOptions): RouteHandler<P>;
export function apiRoute<P = Record<string, never>>(access: "read" | "write", handler: (context: ApiContext<P>) => Promise<Response>, options?: ApiRouteOptions): RouteHandler<P>;
export function apiRoute<P>(access: ApiAccess, handler: (context: ApiContext<P>) => Promise<Response>, options: ApiRouteOptions = {}): RouteHandler<P> {
  return async (request, context) => {
    try {
      if (!options.streamsBody && declaredTooLarge(request)) return bodyTooLarge();
      const url = new URL(request.url);
      queryPairs(url);
      const params = decodePathParams(await context.params);
      const raw = tokenFromRequest(request);
      const identity = raw ? await authenticateToken(raw) : null;
      if (!identity && (raw || access !== "public")) return unauthorized();
      if (identity && !allows(identity, access, request, options)) return insufficientScope("api");
      const viewer = identity?.user ?? ANONYMOUS_VIEWER;
      // identity is null only here, past the check above, on a public route: whose handler takes a nullable one.
      return await handler({ request, url, identity: identity as TokenIdentity, viewer, params });
    } catch (error) {
      if (error instanceof ParamError) return error.response();
      if (error instanceof BodyTooLarge) return bodyTooLarge();
      logger.error({ err: error, path: new URL(request.url).pathname }, "api request failed");
      return json({ message: "500 Internal Server Error" }, { status: 500 });
    }
  };
}
