import { currentUser } from "@/lib/auth";
import { logger } from "@/lib/log";
import type { PublicUser } from "@/lib/users";

export const errorJson = (status: number, message: string, extra: Record<string, unknown> = {}) =>
  Response.json({ message, ...extra }, { status, headers: { "cache-control": "no-store" } });

interface Options {
  /** Writes must come from Ferry's own pages: a JSON body (a cross-site form cannot send one without a preflight) and no cross-site fetch. */
  write?: boolean;
}

function crossSite(request: Request): boolean {
  const site = request.headers.get("sec-fetch-site");
  if (site && site !== "same-origin" && site !== "none") return true;
  return !(request.headers.get("content-type") ?? "").toLowerCase().startsWith("application/json");
}

/**
 * The importer page's JSON routes: signed in by session (a 401 answer rather than a redirect, which a fetch cannot
 * use), never cached, and an unexpected error logged here and answered without its details.
 */
export function sessionJsonRoute<P>(handler: (ctx: { request: Request; user: PublicUser; params: P }) => Promise<Response>, options: Options = {}) {
  return async (request: Request, context: { params: Promise<P> }): Promise<Response> => {
    const user = await currentUser();
    if (!user) return errorJson(401, "Your session has ended. Sign in again.");
    if (options.write && crossSite(request)) return errorJson(403, "This request must come from Ferry's own page.");
    try {
      const response = await handler({ request, user, params: await context.params });
      response.headers.set("cache-control", "no-store");
      return response;
    } catch (error) {
      logger.error({ err: error, route: new URL(request.url).pathname }, "importer route failed");
      return errorJson(500, "Something went wrong. Try again.");
    }
  };
}
