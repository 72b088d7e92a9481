import { describe, expect, it } from "vitest";
import { parseGitAddress } from "@/lib/git-http/repository-url";
import { rewrittenPath } from "@/test/helpers/next-rewrites";

describe("routing a project's snippets", () => {
  it("sends GitLab's snippet pages and raw files to their routes, whatever the project's depth", async () => {
    expect(await rewrittenPath("/a/b/-/snippets")).toBe("/projects/-/snippets/-/a/b");
    expect(await rewrittenPath("/a/sub/p/-/snippets/12")).toBe("/projects/-/snippets/12/-/a/sub/p");
    expect(await rewrittenPath("/a/b/-/snippets/12/raw")).toBe("/projects/-/snippets/12/raw/-/a/b");
    expect(await rewrittenPath("/a/b/-/snippets/12/raw/main/lib/y.rb")).toBe("/projects/-/snippets/12/raw/main/lib/y.rb/-/a/b");
    // Not a snippet: an id must be digits.
    expect(await rewrittenPath("/a/b/-/snippets/new")).toBeNull();
  });

  it("clones a snippet's repository at <project>/snippets/<id>.git, through the git route", async () => {
    expect(await rewrittenPath("/a/b/snippets/12.git/info/refs")).toBe("/-/git/a/b/snippets/12.git/info/refs");
    expect(await rewrittenPath("/a/b/snippets/12.git/git-upload-pack")).toBe("/-/git/a/b/snippets/12.git/git-upload-pack");
    const parse = (path: string) => parseGitAddress(path.split("/"));
    expect(parse("a/b/snippets/12.git/git-upload-pack")).toEqual({ fullPath: "a/b", kind: "snippet", snippetId: 12, action: "git-upload-pack", withoutGitSuffix: false });
    expect(parse("a/sub/b/snippets/7/info/refs")).toEqual({ fullPath: "a/sub/b", kind: "snippet", snippetId: 7, action: "info/refs", withoutGitSuffix: true });
    // A snippet needs a project in a group; an id is digits that PostgreSQL's integer holds.
    expect(parse("a/snippets/12.git/info/refs")).toEqual({ fullPath: "a/snippets/12", kind: "project", action: "info/refs", withoutGitSuffix: false });
    expect(parse("a/b/snippets/0.git/info/refs")?.kind).not.toBe("snippet");
    expect(parse("a/b/snippets/99999999999.git/info/refs")?.kind).not.toBe("snippet");
    expect(parse("a/b.git/snippets/1.git/info/refs")).toBeNull();
  });
});
