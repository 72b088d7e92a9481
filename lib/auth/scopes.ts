// Browser-safe (no imports): the token form lists these, and lib/auth/tokens.ts validates against them.

/**
 * The personal access token scopes Ferry grants, in GitLab's order, with what each allows (the repository scopes in
 * GitLab's own words). `api` and `read_api` open the REST API; `read_repository` and `write_repository` only git over
 * HTTP.
 */
export const TOKEN_SCOPE_DETAILS = [
  { scope: "api", description: "Complete read and write access to the API, including imports." },
  { scope: "read_api", description: "Read-only access to the API." },
  { scope: "read_repository", description: "Grants read-only access to repositories on private projects using Git-over-HTTP or the Repository Files API." },
  { scope: "write_repository", description: "Grants read-write access to repositories on private projects using Git-over-HTTP (not using the API)." },
] as const;

export const TOKEN_SCOPES = ["api", "read_api", "read_repository", "write_repository"] as const;
export type TokenScope = (typeof TOKEN_SCOPES)[number];

/**
 * What each scope lets a token do with git, as GitLab's Gitlab::Auth.abilities_for_scopes has it: `api` everything,
 * `read_api` fetch (its read-only abilities include download_code), `write_repository` fetch and push.
 */
const GIT_ABILITIES: Record<TokenScope, readonly ("read_repository" | "write_repository")[]> = {
  api: ["read_repository", "write_repository"],
  read_api: ["read_repository"],
  read_repository: ["read_repository"],
  write_repository: ["read_repository", "write_repository"],
};

/** Whether a token with these scopes may fetch (`read_repository`) or push (`write_repository`) over git. */
export function tokenAllows(scopes: readonly string[], need: "read_repository" | "write_repository"): boolean {
  return scopes.some((scope) => (GIT_ABILITIES as Record<string, readonly string[] | undefined>)[scope]?.includes(need) ?? false);
}
