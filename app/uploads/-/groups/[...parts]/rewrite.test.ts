import { getPathMatch } from "next/dist/shared/lib/router/utils/path-match";
import { prepareDestination } from "next/dist/shared/lib/router/utils/prepare-destination";
import type { NextConfig } from "next";
import { describe, expect, it } from "vitest";

// next.config.js is plain JavaScript (no declarations): typed here.
const nextConfig = ((await import("@/next.config.js" as string)) as { default: NextConfig }).default;

// The group pages' catch-all owns /groups/...; only the rewrite brings GitLab's upload address to this route.
async function rewrite(path: string): Promise<string | null> {
  const rewrites = await nextConfig.rewrites!();
  const rules = Array.isArray(rewrites) ? rewrites : (rewrites.beforeFiles ?? []);
  for (const rule of rules) {
    const params = getPathMatch(rule.source, { removeUnnamedParams: true, strict: true })(path);
    if (params) return prepareDestination({ appendParamsToQuery: false, destination: rule.destination, params, query: {} }).newUrl;
  }
  return null;
}

describe("next.config rewrites", () => {
  it("hand /groups/<path>/-/uploads/<secret>/<file> to the uploads route, encoding kept, before the group pages", async () => {
    expect(await rewrite("/groups/a/b/-/uploads/72a497a02fe3ee09edae2ed06d390038/pixel.png")).toBe("/uploads/-/groups/a/b/72a497a02fe3ee09edae2ed06d390038/pixel.png");
    expect(await rewrite("/groups/a/-/uploads/72a497a02fe3ee09edae2ed06d390038/na%C3%AFve%20x.txt")).toBe("/uploads/-/groups/a/72a497a02fe3ee09edae2ed06d390038/na%C3%AFve%20x.txt");
    expect(await rewrite("/groups/a/b/-/epics/3")).toBeNull();
    expect(await rewrite("/groups/a/-/uploads/only-one-segment")).toBeNull();
  });
});
