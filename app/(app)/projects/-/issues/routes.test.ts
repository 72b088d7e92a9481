import { describe, expect, it } from "vitest";
import { rewrittenPath } from "@/test/helpers/next-rewrites";

describe("routing issues and jobs", () => {
  it("sends a project's issue list, its issues and its jobs to their routes, whatever the project's depth", async () => {
    expect(await rewrittenPath("/a/b/-/issues")).toBe("/projects/-/issues/-/a/b");
    expect(await rewrittenPath("/a/sub/p/-/issues")).toBe("/projects/-/issues/-/a/sub/p");
    expect(await rewrittenPath("/a/b/-/issues/12")).toBe("/projects/-/issues/12/-/a/b");
    expect(await rewrittenPath("/a/sub/p/-/jobs/4012")).toBe("/projects/-/jobs/4012/-/a/sub/p");
    // A project named like a page still has its own pages.
    expect(await rewrittenPath("/issues/issues/-/issues/3")).toBe("/projects/-/issues/3/-/issues/issues");
  });

  it("sends a group's issue list to the group route, never a project's", async () => {
    expect(await rewrittenPath("/groups/a/-/issues")).toBe("/groups/-/issues/-/a");
    expect(await rewrittenPath("/groups/a/sub/-/issues")).toBe("/groups/-/issues/-/a/sub");
    // A group has no issue pages by number, nor a job list: those fall to the group catch-all's 404.
    expect(await rewrittenPath("/groups/a/-/issues/3")).toBeNull();
  });

  it("leaves addresses that are no issue or job page alone", async () => {
    expect(await rewrittenPath("/a/b/-/issues/new")).toBeNull();
    expect(await rewrittenPath("/a/b/-/jobs")).toBeNull();
    expect(await rewrittenPath("/a/b/-/jobs/x")).toBeNull();
    expect(await rewrittenPath("/a/b/-/issues/3/more")).toBeNull();
  });
});
