import { describe, expect, it } from "vitest";
import { rewrittenPath } from "@/test/helpers/next-rewrites";

// The group pages' catch-all owns /groups/...; only the rewrite brings GitLab's upload address to this route.
const rewrite = (path: string) => rewrittenPath(path, ["beforeFiles"]);

describe("next.config rewrites", () => {
  it("hand /groups/<path>/-/uploads/<secret>/<file> to the uploads route, encoding kept, before the group pages", async () => {
    expect(await rewrite("/groups/a/b/-/uploads/72a497a02fe3ee09edae2ed06d390038/pixel.png")).toBe("/uploads/-/groups/a/b/72a497a02fe3ee09edae2ed06d390038/pixel.png");
    expect(await rewrite("/groups/a/-/uploads/72a497a02fe3ee09edae2ed06d390038/na%C3%AFve%20x.txt")).toBe("/uploads/-/groups/a/72a497a02fe3ee09edae2ed06d390038/na%C3%AFve%20x.txt");
    expect(await rewrite("/groups/a/b/-/epics/3")).toBeNull();
    expect(await rewrite("/groups/a/-/uploads/only-one-segment")).toBeNull();
  });
});
