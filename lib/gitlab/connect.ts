import { SourceClient, type SourceClientOptions } from "./client";
import { isSourceError, SourceError } from "./errors";
import { isAtLeast, MINIMUM_SOURCE_VERSION, parseVersion, TOKEN_SELF_MIN_VERSION, type GitLabVersion } from "./version";

export interface SourceUser {
  id: number;
  username: string;
  name: string;
  /** Only visible to the user themselves or an admin; absent on some instances. */
  email: string | null;
  isAdmin: boolean;
}

export interface SourceConnection {
  /** The normalised base URL to store and to build clients from. */
  url: string;
  version: GitLabVersion;
  versionString: string;
  isEnterprise: boolean;
  /** The token's scopes, or null on sources older than 15.5 that cannot tell. */
  tokenScopes: string[] | null;
  user: SourceUser;
}

export type ConnectOptions = SourceClientOptions;

const NOT_GITLAB =
  "The source URL does not lead to a GitLab instance. Enter only the base URL of the source GitLab instance, such as https://gitlab.example.com.";

function notGitlab(cause?: unknown): SourceError {
  return new SourceError("not_gitlab", NOT_GITLAB, { cause });
}

async function readMetadata(client: SourceClient): Promise<Record<string, unknown>> {
  const fetchJson = async (path: string) => {
    try {
      return (await client.get<unknown>(path)).data;
    } catch (error) {
      if (isSourceError(error, "bad_response")) throw notGitlab(error);
      throw error;
    }
  };
  let data: unknown;
  try {
    data = await fetchJson("/version");
  } catch (error) {
    if (!isSourceError(error, "not_found")) throw error;
    try {
      data = await fetchJson("/metadata");
    } catch (fallbackError) {
      if (isSourceError(fallbackError, "not_found")) throw notGitlab(fallbackError);
      throw fallbackError;
    }
  }
  if (!data || typeof data !== "object" || Array.isArray(data)) throw notGitlab();
  return data as Record<string, unknown>;
}

function toUser(data: unknown): SourceUser {
  const user = (data ?? {}) as Record<string, unknown>;
  if (typeof user.id !== "number" || typeof user.username !== "string") {
    throw new SourceError("not_gitlab", NOT_GITLAB);
  }
  return {
    id: user.id,
    username: user.username,
    name: typeof user.name === "string" ? user.name : user.username,
    email: typeof user.email === "string" ? user.email : null,
    isAdmin: user.is_admin === true,
  };
}

/**
 * Checks a source before anything is imported from it, in GitLab's order (§5.1-5.2): it is GitLab, it is recent
 * enough, the token works and has the api scope; then who the token belongs to.
 */
export async function connectSource(options: ConnectOptions): Promise<SourceConnection> {
  // A person is waiting on the form: quick retries (a 500 or a dropped connection now and then must not refuse the
  // start), on a short budget, so that a dead host still fails in seconds, not minutes.
  const client = new SourceClient({ retryBaseDelayMs: 300, retryMaxDelayMs: 2_000, ...options, maxRetries: options.maxRetries ?? 3 });
  try {
    const metadata = await readMetadata(client);
    const versionString = typeof metadata.version === "string" ? metadata.version : "";
    const version = parseVersion(versionString);
    if (!version) throw notGitlab();
    if (!isAtLeast(version, MINIMUM_SOURCE_VERSION)) {
      throw new SourceError(
        "version_too_old",
        `The source instance runs GitLab ${versionString}. The minimum supported version is 14.0.`,
      );
    }
    const isEnterprise =
      typeof metadata.enterprise === "boolean" ? metadata.enterprise : /(^|[-.+])ee\b/i.test(version.suffix);

    let tokenScopes: string[] | null = null;
    if (isAtLeast(version, TOKEN_SELF_MIN_VERSION)) {
      const { data } = await client.get<{ scopes?: unknown }>("/personal_access_tokens/self");
      tokenScopes = Array.isArray(data?.scopes) ? data.scopes.filter((s): s is string => typeof s === "string") : [];
      if (!tokenScopes.includes("api")) {
        const has = tokenScopes.length ? `it has ${tokenScopes.join(", ")}` : "it has none";
        throw new SourceError(
          "insufficient_scope",
          `The personal access token must have the api scope (${has}). Create a token with the api scope.`,
        );
      }
    }

    const user = toUser((await client.get<unknown>("/user")).data);
    return { url: client.baseUrl, version, versionString, isEnterprise, tokenScopes, user };
  } finally {
    client.close();
  }
}
