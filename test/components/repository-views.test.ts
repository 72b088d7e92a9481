import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { CodeLines } from "@/components/projects/repository/code-lines";
import { DiffFileBox } from "@/components/projects/repository/diff-file";
import { highlightLines } from "@/lib/highlight";
import type { DiffFile } from "@/lib/repositories";

const file = (overrides: Partial<DiffFile>): DiffFile => ({
  old_path: "a.html",
  new_path: "a.html",
  a_mode: "100644",
  b_mode: "100644",
  new_file: false,
  renamed_file: false,
  deleted_file: false,
  diff: "",
  collapsed: false,
  too_large: false,
  binary: false,
  ...overrides,
});
const box = (diff: DiffFile, expandHref: string | null = "/g/p/-/commit/abc?expand=a.html") =>
  renderToStaticMarkup(createElement(DiffFileBox, { file: diff, index: 3, fullPath: "g/p", commit: "a".repeat(40), expandHref }));

describe("DiffFileBox", () => {
  it("numbers both sides and escapes every line of the file", () => {
    const html = box(file({ diff: '@@ -1,2 +1,2 @@ <b>\n-<script>alert(1)</script>\n+<img src=x onerror="alert(1)">\n same & more\n' }));
    expect(html).not.toMatch(/<script|<img|<b>/);
    expect(html).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
    expect(html).toContain("&lt;img src=x onerror=&quot;alert(1)&quot;&gt;");
    expect(html).toContain("same &amp; more");
    expect(html).toContain('id="diff-3"');
    expect(html).toMatch(/<td class="[^"]*">1<\/td><td class="[^"]*"><\/td><td[^>]*><span[^>]*>-<\/span><span class="sr-only">removed: <\/span>/);
  });

  it("offers Expand for a collapsed or too large file until it was expanded, and notes binaries and renames", () => {
    expect(box(file({ collapsed: true }))).toContain('href="/g/p/-/commit/abc?expand=a.html"');
    expect(box(file({ too_large: true }), null)).toContain("This diff is too large to show.");
    expect(box(file({ binary: true, diff: "Binary files a/x and b/x differ\n" }))).toContain("Binary file");
    expect(box(file({ renamed_file: true, old_path: "old.md", new_path: "new.md" }))).toMatch(/old\.md <span[^>]*>→<\/span> new\.md/);
  });
});

describe("CodeLines", () => {
  it("gives every line its own anchor, the text escaped", () => {
    const { lines } = highlightLines("<p>\n&\n", "page.unknown");
    const html = renderToStaticMarkup(createElement(CodeLines, { lines, label: "Content" }));
    expect(html).toContain('<tr id="L1"');
    expect(html).toContain('<a href="#L2"');
    expect(html).toContain("&lt;p&gt;");
    expect(html).not.toContain("<p>");
  });
});
