import { describe, expect, it } from "vitest";
import { highlightLines, languageOf, MAX_HIGHLIGHT_LINES, splitHighlightedLines } from "./index";

describe("languageOf", () => {
  it("knows a language by extension or by name, and nothing else", () => {
    expect(["app.ts", "view.tsx", "x.mjs", "main.go", "Dockerfile", "Makefile", "a.yml", "README.md", "logo.svg", "notes.unknown-ext", "LICENSE", "x.unknown"].map(languageOf)).toEqual([
      "ts",
      "typescript",
      "javascript",
      "go",
      "dockerfile",
      "makefile",
      "yml",
      "md",
      "xml",
      null,
      null,
      null,
    ]);
  });
});

describe("splitHighlightedLines", () => {
  it("closes the spans open at each line's end and opens them again on the next", () => {
    expect(splitHighlightedLines('a <span class="c">/* x\ny */</span> b\n<span class="k">if</span>')).toEqual(['a <span class="c">/* x</span>', '<span class="c">y */</span> b', '<span class="k">if</span>']);
    expect(splitHighlightedLines('<span class="a"><span class="b">1\n2</span>3\n</span>')).toEqual(['<span class="a"><span class="b">1</span></span>', '<span class="a"><span class="b">2</span>3</span>', '<span class="a"></span>']);
  });
});

describe("highlightLines", () => {
  it("highlights a known language line by line, escaping the text", () => {
    const { language, lines } = highlightLines('const a = "<b>";\n/* one\ntwo */\n', "x.ts");
    expect(language).toBe("ts");
    expect(lines).toHaveLength(3);
    expect(lines[0]).toContain('<span class="hljs-keyword">const</span>');
    expect(lines[0]).toContain("&lt;b&gt;");
    expect(lines[1]).toBe('<span class="hljs-comment">/* one</span>');
    expect(lines[2]).toBe('<span class="hljs-comment">two */</span>');
  });

  it("shows unknown languages and very long files as escaped plain text", () => {
    expect(highlightLines("<script>alert(1)</script>\n", "notes")).toEqual({ language: null, lines: ["&lt;script&gt;alert(1)&lt;/script&gt;"] });
    const long = highlightLines("x\n".repeat(MAX_HIGHLIGHT_LINES + 1), "a.ts");
    expect(long.language).toBeNull();
    expect(long.lines).toHaveLength(MAX_HIGHLIGHT_LINES + 1);
  });
});
