import { describe, expect, it } from "vitest";
import { diffLineCounts, diffLines } from "./diff-lines";

const DIFFS = [
  "",
  "@@ -1 +1 @@\n-a\n+b\n",
  "@@ -1 +1 @@\n-a\n+b",
  // A preamble before the first hunk is not counted, a line that only looks like a header inside a hunk is.
  "diff --git a/x b/x\n--- a/x\n+++ b/x\n@@ -1,3 +1,4 @@\n context\n-old\n+++new, starting with pluses\n+--also added\n\\ No newline at end of file\n",
  "@@ -10,2 +10,0 @@\n-gone\n-gone too\n@@ -40,0 +38,3 @@ function f() {\n+a\n+b\n+c\n",
  "Binary files a/x and b/x differ\n",
];

describe("diffLineCounts", () => {
  it("counts what diffLines counts, without making the lines", () => {
    for (const diff of DIFFS) {
      const { additions, deletions } = diffLines(diff);
      expect(diffLineCounts(diff), JSON.stringify(diff)).toEqual({ additions, deletions });
    }
    expect(diffLineCounts(DIFFS[3]!)).toEqual({ additions: 2, deletions: 1 });
    expect(diffLineCounts(DIFFS[4]!)).toEqual({ additions: 3, deletions: 2 });
  });

  it("counts a file of 40,000 changed lines", () => {
    const diff = `@@ -1,20000 +1,20000 @@\n${"-removed line of text\n+added line of text\n".repeat(20_000)}`;
    expect(diffLineCounts(diff)).toEqual({ additions: 20_000, deletions: 20_000 });
  });
});
