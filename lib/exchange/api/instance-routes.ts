import { apiRoute, json } from "@/lib/api";
import { answeredGitLabVersion, exportsEnterpriseRelations } from "@/lib/relations";

/**
 * The GitLab release whose API Ferry answers like. Importers decide by the source's version: from 15.5 they check
 * the token with GET /personal_access_tokens/self, from 16.2 they ask for batched relation exports, and (EE) from
 * 18.4 they import `epic_boards`. It is the first release whose version gates let an importer take every relation
 * Ferry exports, worked out from the catalog, so it rises by itself when Ferry exports a relation gated later.
 */
export const GITLAB_API_VERSION = answeredGitLabVersion();
/** GitLab puts its commit here; Ferry names itself, so a person reading /version knows what answered. */
export const FERRY_REVISION = "ferry";

/**
 * GET /metadata (spec/fixtures/api/schemas/public_api/v4/metadata.json): no KAS; enterprise while Ferry exports EE
 * relations (epics...), which is what makes an importer ask for them.
 */
export const metadataRoute = apiRoute("read", async () =>
  json({
    version: GITLAB_API_VERSION,
    revision: FERRY_REVISION,
    kas: { enabled: false, externalUrl: null, version: null },
    enterprise: exportsEnterpriseRelations(),
  }),
);

/**
 * GET /version: since GitLab 15.5 a mirror of /metadata (doc/api/version.md). Importers read it first, GitLab's and
 * Ferry's alike, and learn from its `enterprise` whether to ask for EE relations.
 */
export const versionRoute = metadataRoute;

/** GET /personal_access_tokens/self: the token the request authenticated with (never its value). */
export const tokenSelfRoute = apiRoute("read", async ({ identity }) => {
  const { token } = identity;
  return json({
    id: token.id,
    name: token.name,
    revoked: token.revokedAt !== null,
    created_at: token.createdAt.toISOString(),
    description: null,
    scopes: token.scopes,
    user_id: token.userId,
    last_used_at: token.lastUsedAt?.toISOString() ?? null,
    // Only an active token authenticates, so the one asking is active.
    active: true,
    expires_at: token.expiresAt,
  });
});
