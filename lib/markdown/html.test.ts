import { describe, expect, it } from "vitest";
import { markdownToHtml } from "./index";

const wiki = { fullPath: "g/p", slug: "guides/deploy" };

describe("markdownToHtml", () => {
  it("writes GitLab-flavoured Markdown as HTML: headings, emphasis, lists, tables, task lists, code, line breaks", () => {
    expect(markdownToHtml("# Title\n\nSome **bold** and `code`.\nNext line.")).toBe("<h1>Title</h1>\n<p>Some <strong>bold</strong> and <code>code</code>.<br>\nNext line.</p>");
    expect(markdownToHtml("- a\n- [x] done")).toBe('<ul class="contains-task-list">\n<li>a</li>\n<li class="task-list-item"><input type="checkbox" checked disabled> done</li>\n</ul>');
    expect(markdownToHtml("| a | b |\n|:--|--:|\n| 1 | 2 |")).toContain('<th align="left">a</th>');
    expect(markdownToHtml("```js\nif (a < b) x();\n```")).toBe('<pre><code class="language-js">if (a &lt; b) x();\n</code></pre>');
  });

  it("keeps raw HTML as text and unsafe addresses as their source text, never as markup", () => {
    const out = markdownToHtml('<script>alert(1)</script>\n\nhi <img src=x onerror="alert(1)"> [click](javascript:alert(1)) ![pic](data:image/png;base64,AAAA) [x](//evil.example)');
    expect(out).not.toMatch(/<script|<img|href=|<a /);
    expect(out).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
    expect(out).toContain(`&lt;img src=x onerror="alert(1)"&gt;`);
    expect(out).toContain("[click](javascript:alert(1))");
    expect(out).toContain("[x](//evil.example)");
    expect(markdownToHtml('[a](https://example.com/?q="x"&y=<z>)')).toBe('<p><a href="https://example.com/?q=%22x%22&amp;y=%3Cz%3E" rel="nofollow noreferrer noopener">a</a></p>');
  });

  it("resolves a wiki page's links as the wiki page view does: pages of the wiki, its own images shown", () => {
    const out = markdownToHtml("[Home](home) [Sibling](./other) ![Diagram](../img/d.png) ![Remote](https://example.com/r.png)", { wiki });
    expect(out).toContain('<a href="/g/p/-/wikis/home" rel="nofollow noreferrer noopener">Home</a>');
    expect(out).toContain('<a href="/g/p/-/wikis/guides/other" rel="nofollow noreferrer noopener">Sibling</a>');
    expect(out).toContain('<img src="/g/p/-/wikis/-/raw/img/d.png" alt="Diagram">');
    expect(out).toContain('<a href="https://example.com/r.png" rel="nofollow noreferrer noopener">Remote</a>');
  });
});
