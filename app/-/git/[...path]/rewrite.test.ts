import { describe, expect, it } from "vitest";
import { configuredHeaders, proxySees, rewrittenPath } from "@/test/helpers/next-rewrites";

const GIT_URLS = [
  "/a/b.git/info/refs",
  "/a/b.git/git-upload-pack",
  "/a/b.git/git-receive-pack",
  "/a/sub/b.wiki.git/git-receive-pack",
  "/a.b/c_d/e-f.git/info/refs",
  "/a/b/info/refs",
  "/a/b.git/info/lfs/objects/batch",
  "/a/sub/b.git/gitlab-lfs/objects/abababababababababababababababababababababababababababababababab",
];
// Page addresses and what is none of git's: a project named `git-upload-pack`, a file of a repository at `/-/tree/`,
// dumb HTTP, one segment (no project lives outside a group), dot segments, encoded slashes.
const NOT_GIT = [
  "/a/git-upload-pack",
  "/a/b/git-upload-pack",
  "/a/b/-/tree/main/x.git/info/refs",
  "/a/-/b.git/info/refs",
  "/a/b.git/HEAD",
  "/a/b.git/objects/info/packs",
  "/a/b.git/info/refs/x",
  "/b.git/info/refs",
  "/a/../b.git/info/refs",
  "/a/b%2Fc.git/info/refs",
  "/a/b%2Egit/git-receive-pack",
  "/groups/a/-/labels",
  "/a/b/info/lfs/objects/batch",
  "/a/b.git/gitlab-lfs/objects/abc",
  "/a/b.git/gitlab-lfs/objects/abababababababababababababababababababababababababababababababab/x",
];

describe("routing git's smart HTTP", () => {
  it("rewrites GitLab's git addresses to the git route, the address kept after /-/git/", async () => {
    for (const url of GIT_URLS) expect(await rewrittenPath(url, ["beforeFiles"]), url).toBe(`/-/git${url}`);
    for (const url of NOT_GIT) expect(String(await rewrittenPath(url, ["beforeFiles"])), url).not.toMatch(/^\/-\/git\//);
  });

  it("keeps them from proxy.ts, which would buffer a push in memory, and leaves it every page", () => {
    for (const url of [...GIT_URLS, "/-/git/a/b.git/git-receive-pack"]) expect(proxySees(url), url).toBe(false);
    for (const url of ["/", "/a/b", "/users/sign_in", "/groups/a", ...NOT_GIT]) expect(proxySees(url), url).toBe(true);
  });

  it("gives them the policy of what is not a page, as proxy.ts gives pages theirs", async () => {
    for (const url of [...GIT_URLS, "/-/git/a/b.git/info/refs"]) {
      expect((await configuredHeaders(url))["content-security-policy"], url).toMatch(/^default-src 'none'/);
    }
    expect((await configuredHeaders("/a/b"))["content-security-policy"]).toBeUndefined();
  });
});
