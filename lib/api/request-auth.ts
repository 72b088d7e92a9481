import { authenticateToken, type TokenIdentity } from "@/lib/auth/tokens";
import { logger } from "@/lib/log";
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

export interface ApiContext<P> {
  request: Request;
  url: URL;
  identity: TokenIdentity;
  params: P;
}

type Handler<P> = (context: ApiContext<P>) => Promise<Response>;

/**
 * Wraps an /api/v4 route: resolves the personal access token, enforces its scope (`read_api` tokens can only read),
 * and turns unexpected errors into a bare 500 so no stack trace reaches the client.
 */
export function apiRoute<P = Record<string, never>>(access: "read" | "write", handler: Handler<P>) {
  return async (request: Request, context: { params: Promise<P> }): Promise<Response> => {
    try {
      const raw = tokenFromRequest(request);
      const identity = raw ? await authenticateToken(raw) : null;
      if (!identity) return unauthorized();
      const allowed = access === "read" ? identity.scopes.some((s) => s === "api" || s === "read_api") : identity.scopes.includes("api");
      if (!allowed) return insufficientScope("api");
      return await handler({ request, url: new URL(request.url), identity, params: await context.params });
    } catch (error) {
      logger.error({ err: error, path: new URL(request.url).pathname }, "api request failed");
      return json({ message: "500 Internal Server Error" }, { status: 500 });
    }
  };
}
