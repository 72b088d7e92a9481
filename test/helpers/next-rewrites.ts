import type { NextConfig } from "next";
import * as pageStaticInfo from "next/dist/build/analysis/get-page-static-info";
import type { ProxyMatcher } from "next/dist/build/analysis/get-page-static-info";
import { getMiddlewareRouteMatcher } from "next/dist/shared/lib/router/utils/middleware-route-matcher";
import { getPathMatch } from "next/dist/shared/lib/router/utils/path-match";
import { prepareDestination } from "next/dist/shared/lib/router/utils/prepare-destination";

// next.config.js is plain JavaScript (no declarations): typed here.
export const nextConfig = ((await import("@/next.config.js" as string)) as { default: NextConfig }).default;

// Next.js's own matching of proxy.ts's matcher, as the router runs it on each request's path (the build's compiler of
// matchers is exported but not declared). Imported late: proxy.ts reads the environment when loaded.
const { getMiddlewareMatchers } = pageStaticInfo as unknown as { getMiddlewareMatchers: (matcher: unknown, config: NextConfig) => ProxyMatcher[] };
const { config: proxyConfig } = await import("@/proxy");
const proxyMatches = getMiddlewareRouteMatcher(getMiddlewareMatchers(proxyConfig.matcher, nextConfig));

/** Whether proxy.ts runs for a request to `pathname` (its CSP, sign-in redirect and cross-origin check). */
export const proxySees = (pathname: string) => proxyMatches(pathname, { headers: {} } as never, {});

export type RewritePhase = "beforeFiles" | "afterFiles";
type Rule = { source: string; destination: string };

/** The path next.config.js's rewrites serve `pathname` from, by Next's own matching (the first rule that matches), or null. */
export async function rewrittenPath(pathname: string, phases: readonly RewritePhase[] = ["beforeFiles", "afterFiles"]): Promise<string | null> {
  const rewrites = await nextConfig.rewrites!();
  for (const phase of phases) {
    const rules: Rule[] = Array.isArray(rewrites) ? (phase === "afterFiles" ? rewrites : []) : (rewrites[phase] ?? []);
    for (const rule of rules) {
      const params = getPathMatch(rule.source, { removeUnnamedParams: true, strict: true })(pathname);
      if (params) return prepareDestination({ appendParamsToQuery: false, destination: rule.destination, params, query: {} }).newUrl;
    }
  }
  return null;
}

/** The headers next.config.js gives a response to `pathname`, later rules winning, as Next applies them. */
export async function configuredHeaders(pathname: string): Promise<Record<string, string>> {
  const headers: Record<string, string> = {};
  for (const rule of await nextConfig.headers!()) {
    if (rule.has || rule.missing) continue;
    if (getPathMatch(rule.source, { strict: true })(pathname)) for (const { key, value } of rule.headers) headers[key.toLowerCase()] = value;
  }
  return headers;
}
