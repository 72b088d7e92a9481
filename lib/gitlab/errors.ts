/**
 * Everything that can go wrong when Ferry talks to a source instance, as one error type whose `kind` callers switch on
 * and whose `message` is safe to show a user as is: no stack, no token, no raw response body.
 */
export type SourceErrorKind =
  | "malformed_url"
  | "insecure_scheme"
  | "local_address"
  | "unreachable"
  | "not_gitlab"
  | "version_too_old"
  | "unauthorized"
  | "insufficient_scope"
  | "forbidden"
  | "not_found"
  | "rate_limited"
  | "server_error"
  | "bad_response"
  | "too_large";

/** Why a connection failed, for `unreachable` errors. */
export type UnreachableReason = "dns" | "refused" | "timeout" | "reset" | "network" | "tls";

export interface SourceErrorDetails {
  /** HTTP status of the response that caused the error, when there was one. */
  status?: number;
  /** Request path below /api/v4, without the query, so logs and messages can say which call failed. */
  path?: string;
  reason?: UnreachableReason;
  /** GitLab's own `message`/`error` text, already stripped of anything secret and shortened. */
  serverMessage?: string;
  /** For rate limiting: how long the source asked us to wait. */
  retryAfterMs?: number;
  /** Whether a later attempt of the same request may succeed (network trouble, 429, 5xx). */
  retryable?: boolean;
  cause?: unknown;
}

export class SourceError extends Error {
  readonly kind: SourceErrorKind;
  readonly status?: number;
  readonly path?: string;
  readonly reason?: UnreachableReason;
  readonly serverMessage?: string;
  readonly retryAfterMs?: number;
  readonly retryable: boolean;

  constructor(kind: SourceErrorKind, message: string, details: SourceErrorDetails = {}) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.name = "SourceError";
    this.kind = kind;
    this.status = details.status;
    this.path = details.path;
    this.reason = details.reason;
    this.serverMessage = details.serverMessage;
    this.retryAfterMs = details.retryAfterMs;
    this.retryable = details.retryable ?? false;
  }

  /** What an API response or a job record may carry: the message and the facts, never the stack or the cause. */
  toJSON() {
    return { kind: this.kind, message: this.message, status: this.status, reason: this.reason };
  }
}

export function isSourceError(error: unknown, kind?: SourceErrorKind): error is SourceError {
  return error instanceof SourceError && (kind === undefined || error.kind === kind);
}

/** A message for a user from any error thrown by this module: unexpected errors must not leak their internals. */
export function userMessage(error: unknown): string {
  if (error instanceof SourceError) return error.message;
  return "Something went wrong while talking to the source instance.";
}
