import { authenticateToken, type TokenIdentity } from "@/lib/auth/tokens";

/** Who a git client is: nobody (no credentials sent), a token's user, or someone whose credentials failed. */
export type GitClient = { kind: "anonymous" } | { kind: "user"; identity: TokenIdentity } | { kind: "rejected" };

/**
 * The password of an `Authorization: Basic` header, null when there is no such header. As on GitLab, the username is
 * anything (`oauth2` as GitLab's own importers send it, the user's name, or nothing) and the password is a personal
 * access token; Ferry takes no account passwords over git.
 */
function basicPassword(header: string | null): string | null {
  if (!header || !/^Basic\b/i.test(header)) return null;
  // Not base64 at all: credentials that fail, rather than whatever Buffer would make of them.
  const encoded = header.match(/^Basic\s+([A-Za-z0-9+/]*={0,2})\s*$/i)?.[1];
  if (encoded === undefined) return "";
  const decoded = Buffer.from(encoded, "base64").toString("utf8");
  const colon = decoded.indexOf(":");
  return colon === -1 ? "" : decoded.slice(colon + 1);
}

/**
 * The client behind a request. Credentials that were sent and fail (an unknown, revoked or expired token, a blocked
 * user, a malformed header) reject the request even where anonymous access would do: GitLab never falls back.
 */
export async function gitClient(request: Request): Promise<GitClient> {
  const password = basicPassword(request.headers.get("authorization"));
  if (password === null) return { kind: "anonymous" };
  const identity = password ? await authenticateToken(password) : null;
  return identity ? { kind: "user", identity } : { kind: "rejected" };
}
