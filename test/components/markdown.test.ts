import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { InlineMarkdown, Markdown, ParsedMarkdown } from "@/components/ui/markdown";
import { plainParagraphs, safeHref } from "@/lib/markdown";

const epicHref = (iid: number) => `/groups/g/-/epics/${iid}`;
const html = (source: string, withEpics = true) => renderToStaticMarkup(createElement(Markdown, { source, epicHref: withEpics ? epicHref : undefined }));
const inline = (source: string) => renderToStaticMarkup(createElement(InlineMarkdown, { source, epicHref }));

describe("Markdown: safety", () => {
  it("shows raw HTML as text, never as markup", () => {
    const out = html('<script>alert(1)</script>\n\nhi <img src=x onerror="alert(1)"> <b>bold</b>\n\n<div onclick="x()">block</div>');
    expect(out).not.toMatch(/<script|<img|<b>|<div onclick/);
    expect(out).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
    expect(out).toContain("&lt;img src=x onerror=&quot;alert(1)&quot;&gt;");
    expect(out).toContain("&lt;b&gt;bold&lt;/b&gt;");
    expect(inline("a <iframe src=//evil> b")).toBe("a &lt;iframe src=//evil&gt; b");
  });

  it("keeps javascript:, data: and other unsafe links and images as their source text", () => {
    for (const source of [
      "[click](javascript:alert(1))",
      "[click](JavaScript:alert(1))",
      "[click](<javascript:alert(1)>)",
      "[click](data:text/html;base64,PHNjcmlwdD4=)",
      "![pic](data:image/png;base64,AAAA)",
      "![pic](javascript:alert(1))",
      "[click](vbscript:x)",
      "[click](//evil.example)",
      "[ref][r]\n\n[r]: javascript:alert(1)",
    ]) {
      const out = html(source);
      expect(out, source).not.toMatch(/<a |<img/);
      expect(out, source).not.toMatch(/href=/);
    }
    expect(html("[click](javascript:alert(1))")).toBe('<div class="space-y-3 text-sm leading-6 text-gray-800 "><p class="break-words">[click](javascript:alert(1))</p></div>');
    expect(html("<javascript:alert(1)>")).not.toContain("href");
    // A backslash after the slash (which browsers read as `//`) is percent-encoded by the parser: the path stays on this site.
    expect(html("[click](/\\\\evil.example)")).toContain('href="/%5Cevil.example"');
    expect(inline("see [x](javascript:void(0)) now")).toBe("see [x](javascript:void(0)) now");
  });

  it("gives links to other origins rel=noopener noreferrer nofollow", () => {
    for (const source of ["[site](https://example.com/a)", "https://example.com/a", "www.example.com", "<https://example.com/a>", "[mail](mailto:a@example.com)", "a@example.com"]) {
      const out = html(source);
      expect(out, source).toMatch(/<a href="(https?|mailto):[^"]+"[^>]* rel="([^"]*)"/);
      const rel = out.match(/rel="([^"]*)"/)![1]!.split(" ");
      expect(rel.sort(), source).toEqual(["nofollow", "noopener", "noreferrer"]);
    }
  });

  it("renders images as links, never loading them", () => {
    expect(html("![diagram](https://example.com/d.png)")).toContain('<a href="https://example.com/d.png" rel="nofollow noreferrer noopener" class="underline">diagram</a>');
    expect(html("[![badge](https://example.com/b.svg)](https://example.com)")).toContain('<a href="https://example.com" rel="nofollow noreferrer noopener" class="underline">badge</a>');
    expect(html("![x](/uploads/abc/x.png)")).not.toContain("<img");
  });

  it("allows http(s), mailto and same-site addresses only", () => {
    expect(safeHref("https://a.b/c")).toBe("https://a.b/c");
    expect(safeHref("HTTP://a.b")).toBe("HTTP://a.b");
    expect(safeHref("mailto:x@y.z")).toBe("mailto:x@y.z");
    expect(safeHref("/groups/a")).toBe("/groups/a");
    expect(safeHref("#note_1")).toBe("#note_1");
    for (const bad of ["javascript:x", "data:text/html,x", "//evil", "/\\evil", "relative/path", "ftp://x", " javascript:x", ""]) expect(safeHref(bad), bad).toBeNull();
  });
});

describe("Markdown: rendering", () => {
  it("keeps line breaks inside a paragraph and splits paragraphs on blank lines", () => {
    expect(html("one\ntwo\r\nthree\n\nfour")).toContain('<p class="break-words">one<br/>\ntwo<br/>\nthree</p>\n<p class="break-words">four</p>');
  });

  it("puts headings below the page's own, with the old sizes", () => {
    const out = html("# A\n## B\n### C\n#### D\n###### F");
    expect(out).toContain('<h3 class="font-semibold text-gray-900 text-xl ">A</h3>');
    expect(out).toContain('<h4 class="font-semibold text-gray-900 text-lg ">B</h4>');
    expect(out).toContain('<h5 class="font-semibold text-gray-900 text-base ">C</h5>');
    expect(out).toContain('<h6 class="font-semibold text-gray-900 text-base ">D</h6>');
    expect(out).toContain('<h6 class="font-semibold text-gray-900 text-sm ">F</h6>');
  });

  it("renders emphasis, strikethrough, code, quotes, lists and rules", () => {
    const out = html("**b** __b2__ *i* _i2_ ~~s~~ ~notstruck~ `a<b`\n\n> quoted\n> more\n\n- x\n- y\n\n3. n\n4. m\n\n---");
    expect(out).toContain("<strong>b</strong> <strong>b2</strong> <em>i</em> <em>i2</em> <del>s</del> ~notstruck~ ");
    expect(out).toContain('<code class="rounded bg-gray-100 px-1 py-0.5 font-mono text-[0.85em] text-gray-800 ">a&lt;b</code>');
    expect(out).toMatch(/<blockquote class="[^"]*border-l-4[^"]*">\s*<p class="break-words">quoted<br\/>\nmore<\/p>/);
    expect(out).toMatch(/<ul class="list-disc space-y-1 pl-5">\s*<li>x<\/li>\s*<li>y<\/li>\s*<\/ul>/);
    expect(out).toMatch(/<ol start="3" class="list-decimal space-y-1 pl-5">\s*<li>n<\/li>/);
    expect(out).toContain('<hr class="border-gray-200"/>');
  });

  it("renders fenced code as plain preformatted text", () => {
    expect(html("```ts\nconst a = <b>1</b>;\n  indented\n```")).toContain(
      '<pre class="overflow-x-auto rounded-md bg-gray-50 p-3 font-mono text-xs text-gray-800 ring-1 ring-inset ring-gray-200">const a = &lt;b&gt;1&lt;/b&gt;;\n  indented</pre>',
    );
    expect(html("~~~\n**not bold** &1\n~~~")).toContain(">**not bold** &amp;1</pre>");
  });

  it("renders GFM tables, task lists and autolinks", () => {
    const table = html("| a | b |\n|:--|--:|\n| 1 | **2** |");
    expect(table).toContain("<table");
    expect(table).toMatch(/<th style="text-align:left" class="[^"]*">a<\/th>/);
    expect(table).toMatch(/<td style="text-align:right" class="[^"]*"><strong>2<\/strong><\/td>/);
    const tasks = html("- [x] done\n- [ ] todo");
    expect(tasks).toMatch(/<li class="list-none"><input type="checkbox" disabled="" readOnly="" class="mr-1.5 -ml-5 align-middle" checked=""\/> done<\/li>/);
    expect(tasks).toMatch(/<input type="checkbox" disabled="" readOnly=""[^>]*\/> todo/);
    expect(html("see https://example.com/a_b?c=1&2.")).toContain('see <a href="https://example.com/a_b?c=1&amp;2" rel="nofollow noreferrer noopener" class="break-all underline">https://example.com/a_b?c=1&amp;2</a>.');
  });

  it("links same-site paths and anchors", () => {
    expect(html("[upload](/uploads/abc/file.pdf) [top](#top)")).toBe(
      '<div class="space-y-3 text-sm leading-6 text-gray-800 "><p class="break-words"><a href="/uploads/abc/file.pdf" rel="nofollow noreferrer noopener" class="underline">upload</a> <a href="#top" rel="nofollow noreferrer noopener" class="underline">top</a></p></div>',
    );
  });

  it("links &N epic references when it knows where, outside code and links", () => {
    expect(html("child of &12, not a&3 or &4x or &&5")).toBe(
      '<div class="space-y-3 text-sm leading-6 text-gray-800 "><p class="break-words">child of <a class="text-blue-700 hover:underline" href="/groups/g/-/epics/12">&amp;12</a>, not a&amp;3 or &amp;4x or &amp;&amp;5</p></div>',
    );
    expect(html("`&1` [see &2](https://x.y)")).not.toContain("/epics/");
    expect(html("see &7", false)).toContain("see &amp;7");
  });

  it("takes a class name for its block", () => {
    expect(html("x").startsWith('<div class="space-y-3 text-sm leading-6 text-gray-800 ">')).toBe(true);
    expect(renderToStaticMarkup(createElement(Markdown, { source: "x", className: "mt-2" }))).toMatch(/^<div class="space-y-3 text-sm leading-6 text-gray-800 mt-2">/);
  });
});

describe("InlineMarkdown", () => {
  it("renders one line of inline Markdown, no blocks, no wrapper", () => {
    expect(inline("changed title from **a** to *b*")).toBe("changed title from <strong>a</strong> to <em>b</em>");
    expect(inline("# not a heading\n- not a list\n> not a quote")).toBe("# not a heading - not a list &gt; not a quote");
    expect(inline("1. step")).toBe("1. step");
    expect(inline("added `x` and &3")).toBe('added <code class="rounded bg-gray-100 px-1 py-0.5 font-mono text-[0.85em] text-gray-800 ">x</code> and <a class="text-blue-700 hover:underline" href="/groups/g/-/epics/3">&amp;3</a>');
    expect(inline("see https://example.com")).toBe('see <a href="https://example.com" rel="nofollow noreferrer noopener" class="break-all underline">https://example.com</a>');
  });
});

describe("Markdown: plain text drawn without the parser", () => {
  const PLAIN = [
    "LGTM",
    "Done.",
    "Thanks, fixed in the next commit (see above).",
    "first line\nsecond line",
    "one paragraph\n\nanother one\nwith two lines\n\n\nand a third",
    "\n\nleading and trailing line ends\n\n",
    "Café, naïve, 日本語, Ünïcödé; it's \"quoted\"?",
    "2020 was long, 3 of 4 agree and 1.5 is a number",
    "a well-known path like src/lib/x.ts or a/b",
  ];

  it("draws what the parser draws", () => {
    for (const source of PLAIN) {
      expect(plainParagraphs(source), source).not.toBeNull();
      const parsed = renderToStaticMarkup(createElement(ParsedMarkdown, { source }));
      expect(html(source), source).toBe(parsed);
      expect(inline(source), source).toBe(renderToStaticMarkup(createElement(ParsedMarkdown, { source, inline: true })));
    }
  });

  it("leaves anything that could be syntax to the parser", () => {
    for (const source of ["1. a list", "- an item", "2) another", "   indented", "# heading", "a_b", "*em*", "`code`", "www.example.com", "https://example.com", "line with a hard break  \nnext", "trailing space ", "#12", "!3", "~label", "%m", "@user", "&5", "[link](x)", "a | b", "<b>", "a\\b", ":smile:", "x\r\ny", "a\n-\n", "a\n===", "=", "x".repeat(20_001)]) {
      expect(plainParagraphs(source), source).toBeNull();
    }
  });
});
