import { SourceError } from "./errors";
import { scrub } from "./redact";

/**
 * Answers a later attempt may not get: rate limiting and every server error. A 500 is most often a passing fault
 * (a restart, a timeout inside the source), and dropping a whole relation for one is far worse than a few retries.
 */
export const isRetryableStatus = (status: number) => status === 429 || status >= 500;

/** GitLab's error bodies: `{"message": "..."}`, `{"message": {...field errors}}` or OAuth's `{"error", "error_description"}`. */
function gitlabMessage(body: unknown): { text?: string; oauthError?: string } {
  if (!body || typeof body !== "object") return {};
  const record = body as Record<string, unknown>;
  const oauthError = typeof record.error === "string" ? record.error : undefined;
  const candidates = [record.error_description, record.message, record.error];
  for (const candidate of candidates) {
    if (typeof candidate === "string" && candidate) return { text: candidate, oauthError };
    if (candidate && typeof candidate === "object") return { text: JSON.stringify(candidate), oauthError };
  }
  return { oauthError };
}

export interface HttpErrorContext {
  status: number;
  path: string;
  body: unknown;
  token: string;
  retryAfterMs?: number;
}

/** The SourceError for a non-success response. */
export function httpError({ status, path, body, token, retryAfterMs }: HttpErrorContext): SourceError {
  const { text, oauthError } = gitlabMessage(body);
  const serverMessage = text ? scrub(text, token) : undefined;
  const details = { status, path, serverMessage, retryAfterMs, retryable: isRetryableStatus(status) };
  const suffix = serverMessage ? `: ${serverMessage}` : "";
  if (status === 401) {
    return new SourceError(
      "unauthorized",
      "The source instance rejected the personal access token (401 Unauthorized). Check that it is correct and has not expired or been revoked.",
      details,
    );
  }
  if (status === 403 && oauthError === "insufficient_scope") {
    return new SourceError(
      "insufficient_scope",
      `The personal access token does not have the scope needed for ${path}. Create a token with the api scope.`,
      details,
    );
  }
  if (status === 403) {
    return new SourceError("forbidden", `The source instance refused access to ${path} (403 Forbidden)${suffix}.`, details);
  }
  if (status === 404) {
    return new SourceError("not_found", `The source instance has no ${path} (404 Not Found)${suffix}.`, details);
  }
  if (status === 429) {
    const wait = retryAfterMs ? ` It asked to wait ${Math.ceil(retryAfterMs / 1000)} s.` : "";
    return new SourceError(
      "rate_limited",
      `The source instance is limiting the rate of requests (429 Too Many Requests).${wait} Try again later.`,
      details,
    );
  }
  if (status >= 500) {
    return new SourceError("server_error", `The source instance failed to answer ${path} (HTTP ${status})${suffix}.`, details);
  }
  return new SourceError("bad_response", `The source instance rejected the request to ${path} (HTTP ${status})${suffix}.`, details);
}
