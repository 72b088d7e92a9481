/** Methods a browser sends cross-origin without asking (a form, an img): they must change nothing. */
const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * Whether `host` (an Origin's host, with its port if any) matches an entry of `serverActions.allowedOrigins` as Next.js
 * reads them: exact, `*` for one label, a leading `**` for one or more.
 */
export function isAllowedOriginHost(host: string, allowedOrigins: readonly string[]): boolean {
  const domain = host.toLowerCase();
  return allowedOrigins.some((entry) => {
    const pattern = entry.trim().toLowerCase();
    if (!pattern) return false;
    if (pattern === domain) return true;
    const patternParts = pattern.split(".");
    const domainParts = domain.split(".");
    // '*' or '**' alone would allow every site.
    if (patternParts.length === 1) return false;
    while (patternParts.length) {
      const part = patternParts.pop()!;
      const label = domainParts.pop();
      if (part === "**") return patternParts.length === 0 && Boolean(label);
      if (part === "*" ? !label : part !== label) return false;
    }
    return domainParts.length === 0;
  });
}

/** The host the browser addressed: a proxy's x-forwarded-host (its first value) before Host, as Next.js takes it. */
export function requestHost(headers: Headers): string | null {
  const forwarded = headers.get("x-forwarded-host")?.split(",")[0]?.trim();
  return (forwarded || headers.get("host"))?.toLowerCase() ?? null;
}

/**
 * True when a state-changing request (a server action, a form post, a POST to a cookie-authenticated route) comes from
 * another origin, which cookies alone cannot tell: SameSite=Lax still sends them from a sibling subdomain. The Origin
 * decides, compared as Next.js compares it for server actions; without one (old browsers, scripts, which hold no
 * one else's cookies) Sec-Fetch-Site does when the browser sent it.
 */
export function isCrossOriginWrite(method: string, headers: Headers, allowedOrigins: readonly string[] = []): boolean {
  if (SAFE_METHODS.has(method.toUpperCase())) return false;
  const origin = headers.get("origin");
  if (origin === null) {
    const site = headers.get("sec-fetch-site");
    return site === "cross-site" || site === "same-site";
  }
  let originHost: string;
  try {
    // An opaque origin ("null": sandboxed frames, data: URLs) has no host to match.
    originHost = origin === "null" ? "null" : new URL(origin).host.toLowerCase();
  } catch {
    return true;
  }
  if (originHost && originHost === requestHost(headers)) return false;
  return !isAllowedOriginHost(originHost, allowedOrigins);
}
