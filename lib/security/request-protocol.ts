/**
 * Whether the browser reached us over https. Ferry itself serves plain http; behind a TLS-terminating proxy, the
 * proxy's x-forwarded-proto (its first value: the one the client used) says so, as it does for the base URL of API
 * answers. A client faking it gains nothing: browsers ignore HSTS received over http.
 */
export function isHttpsRequest(url: URL, headers: Headers): boolean {
  const forwarded = headers.get("x-forwarded-proto")?.split(",")[0]?.trim().toLowerCase();
  return (forwarded || url.protocol.replace(/:$/, "")) === "https";
}
