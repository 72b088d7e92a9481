import type { RequestContext } from "./context";
import { currentUserJson, tokenJson, userJson } from "./presenters";
import { apiError, routeNotFound, sendJson } from "./respond";
import { features, parseVersion } from "./version";

export async function getVersion(ctx: RequestContext): Promise<void> {
  // A source (or a proxy in front of it) may not answer /version; GitLab's importer then falls back to /metadata.
  if (!ctx.config.versionEndpoint) return routeNotFound(ctx);
  return sendJson(ctx, 200, { version: ctx.config.version, revision: ctx.config.revision });
}

export async function getMetadata(ctx: RequestContext): Promise<void> {
  if (!features.metadata(ctx.config.version)) return routeNotFound(ctx);
  return sendJson(ctx, 200, {
    version: ctx.config.version,
    revision: ctx.config.revision,
    kas: { enabled: false, externalUrl: null, version: null },
    enterprise: ctx.config.enterprise ?? parseVersion(ctx.config.version).enterprise,
  });
}

export async function getTokenSelf(ctx: RequestContext): Promise<void> {
  if (!features.tokenSelf(ctx.config.version)) return routeNotFound(ctx);
  const id = [...ctx.store.tokens.keys()].indexOf(ctx.token.token) + 1;
  return sendJson(ctx, 200, tokenJson(ctx.token, id));
}

export async function getCurrentUser(ctx: RequestContext): Promise<void> {
  return sendJson(ctx, 200, currentUserJson(ctx, ctx.user));
}

export async function getUser(ctx: RequestContext): Promise<void> {
  const user = /^\d+$/.test(ctx.params.id ?? "") ? ctx.store.users.get(Number(ctx.params.id)) : undefined;
  if (!user) return apiError(ctx, 404, "404 User Not Found");
  return sendJson(ctx, 200, userJson(ctx, user));
}
