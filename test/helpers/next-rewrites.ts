import type { NextConfig } from "next";
import { getPathMatch } from "next/dist/shared/lib/router/utils/path-match";
import { prepareDestination } from "next/dist/shared/lib/router/utils/prepare-destination";

// next.config.js is plain JavaScript (no declarations): typed here.
export const nextConfig = ((await import("@/next.config.js" as string)) as { default: NextConfig }).default;

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
