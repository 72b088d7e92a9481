import { describe, expect, it } from "vitest";
import { mapSourcePath, referenceRewriter, type ReferenceRewrite } from "./rewrite";

const context: ReferenceRewrite = {
  sourceUrl: "https://gitlab.example.com",
  destinationUrl: "https://ferry.example.org",
  paths: [
    { source: "src", destination: "dest" },
    { source: "src/app", destination: "dest/application" },
    { source: "src/sub", destination: "dest/sub" },
  ],
  usernames: new Map([["alice", "alice.local"]]),
};
const rewrite = referenceRewriter(context);

describe("referenceRewriter", () => {
  it("maps the source's addresses into migrated namespaces, the longest source path first", () => {
    expect(rewrite("See https://gitlab.example.com/src/app/-/issues/5#note_3.")).toBe("See https://ferry.example.org/dest/application/-/issues/5#note_3.");
    expect(rewrite("[mr](https://gitlab.example.com/src/sub/lib/-/merge_requests/3)")).toBe("[mr](https://ferry.example.org/dest/sub/lib/-/merge_requests/3)");
    expect(rewrite("<https://gitlab.example.com/groups/src/-/epics/2>")).toBe("<https://ferry.example.org/groups/dest/-/epics/2>");
    expect(rewrite("https://GITLAB.example.com/Src/App")).toBe("https://ferry.example.org/dest/application");
  });

  it("leaves addresses of other namespaces, other hosts, and code alone", () => {
    const kept = [
      "https://gitlab.example.com/other/app/-/issues/5",
      "https://gitlab.example.com/srcx/app",
      "https://gitlab.example.com.evil.test/src/app",
      "https://elsewhere.test/src/app",
      "`https://gitlab.example.com/src/app` and `src/app#5`",
      "```\nhttps://gitlab.example.com/src/app/-/issues/1\nsrc/app#1 @alice\n```",
      "    https://gitlab.example.com/src/app indented code",
    ];
    for (const text of kept) expect(rewrite(text)).toBe(text);
  });

  it("renames full-path references to migrated projects and groups, and keeps short ones", () => {
    expect(rewrite('src/app#5, src/app!3, src/app~bug, src/app%"v 1", src&2, src/sub&4')).toBe('dest/application#5, dest/application!3, dest/application~bug, dest/application%"v 1", dest&2, dest/sub&4');
    expect(rewrite("#12 !3 ~label %m other/app#5")).toBe("#12 !3 ~label %m other/app#5");
  });

  it("names mapped users by their local username; others as they were", () => {
    expect(rewrite("cc @alice @Alice @bob alice@example.com")).toBe("cc @alice.local @alice.local @bob alice@example.com");
  });

  it("changes nothing more when run again", () => {
    const text = "https://gitlab.example.com/src/app/-/issues/5 src/app#5 @alice src&1";
    const once = rewrite(text);
    expect(once).not.toBe(text);
    expect(rewrite(once)).toBe(once);
    // Even when a destination sits under its own source path.
    const nested: ReferenceRewrite = { ...context, destinationUrl: context.sourceUrl, paths: [{ source: "g", destination: "g/imported" }] };
    const first = referenceRewriter(nested)("g/p#1 https://gitlab.example.com/g/p");
    expect(first).toBe("g/imported/p#1 https://gitlab.example.com/g/imported/p");
    expect(referenceRewriter(nested)(first)).toBe(first);
  });

  it("maps paths at segment boundaries only", () => {
    expect(mapSourcePath("src/app/x", context.paths)).toBe("dest/application/x");
    expect(mapSourcePath("src/apple", context.paths)).toBe("dest/apple");
    expect(mapSourcePath("srcs/app", context.paths)).toBeUndefined();
  });
});
