import { SourceError, type UnreachableReason } from "./errors";

const TLS_MESSAGES: Record<string, string> = {
  DEPTH_ZERO_SELF_SIGNED_CERT: "the TLS certificate is self-signed",
  SELF_SIGNED_CERT_IN_CHAIN: "the TLS certificate chain contains a self-signed certificate",
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: "the TLS certificate is not trusted",
  UNABLE_TO_GET_ISSUER_CERT_LOCALLY: "the TLS certificate is not trusted",
  UNABLE_TO_GET_ISSUER_CERT: "the TLS certificate is not trusted",
  CERT_HAS_EXPIRED: "the TLS certificate has expired",
  CERT_NOT_YET_VALID: "the TLS certificate is not yet valid",
  ERR_TLS_CERT_ALTNAME_INVALID: "the TLS certificate does not match the host name",
  ERR_SSL_WRONG_VERSION_NUMBER: "the server did not answer with TLS",
};

// Worth another try later (GitLab's NetworkError list, §5.3); DNS "not found" and certificate problems are not.
const RETRYABLE_CODES = new Set([
  "ECONNRESET",
  "ECONNREFUSED",
  "ECONNABORTED",
  "ETIMEDOUT",
  "EPIPE",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "ENETDOWN",
  "EAI_AGAIN",
  "UND_ERR_SOCKET",
]);

function unreachable(reason: UnreachableReason, detail: string, retryable: boolean, cause: unknown): SourceError {
  return new SourceError("unreachable", `The source instance could not be reached: ${detail}.`, {
    reason,
    retryable,
    cause,
  });
}

export function timeoutError(phase: "connect" | "idle", ms: number): SourceError {
  const detail =
    phase === "connect" ? "connection timed out" : `the connection timed out (no data for ${Math.round(ms / 1000)} s)`;
  return unreachable("timeout", detail, true, undefined);
}

/** A SourceError for a failed connection or a connection that broke, saying which failure it was. */
export function networkError(error: unknown, host: string): SourceError {
  if (error instanceof SourceError) return error;
  const code = typeof error === "object" && error && "code" in error ? String(error.code) : "";
  const message = error instanceof Error ? error.message : "";
  // Keep only what identifies the failure: Node's error objects carry no secrets, but callers' objects might.
  const cause = Object.assign(new Error(message), { code });
  switch (code) {
    case "ENOTFOUND":
      return unreachable("dns", `the host name ${host} could not be resolved`, false, cause);
    case "EAI_AGAIN":
      return unreachable("dns", `the host name ${host} could not be resolved (temporary DNS failure)`, true, cause);
    case "ECONNREFUSED":
      return unreachable("refused", "connection refused", true, cause);
    case "ETIMEDOUT":
      return unreachable("timeout", "connection timed out", true, cause);
    case "ECONNRESET":
    case "EPIPE":
    case "ECONNABORTED":
      return unreachable("reset", "the connection was reset", true, cause);
    case "EHOSTUNREACH":
    case "ENETUNREACH":
    case "ENETDOWN":
      return unreachable("network", "there is no network route to the host", true, cause);
  }
  if (code === "EPROTO" && /wrong version number|packet length too long|http request/i.test(message)) {
    return unreachable("tls", "the server did not answer with TLS", false, cause);
  }
  const tls = TLS_MESSAGES[code];
  if (tls) return unreachable("tls", tls, false, cause);
  if (/CERT|^ERR_SSL_|^ERR_TLS_/.test(code) || /SSL|TLS|certificate/i.test(message)) {
    return unreachable("tls", `the TLS handshake failed (${code || "unknown error"})`, false, cause);
  }
  if (message === "socket hang up" || message === "aborted") {
    return unreachable("reset", "the connection was closed unexpectedly", true, cause);
  }
  return unreachable("network", `network error${code ? ` (${code})` : ""}`, RETRYABLE_CODES.has(code), cause);
}
