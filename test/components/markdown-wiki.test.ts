import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { Markdown } from "@/components/ui/markdown";

const wiki = { fullPath: "g/p", slug: "guides/start" };
const html = (source: string) => renderToStaticMarkup(createElement(Markdown, { source, wiki }));

describe("Markdown of a wiki page", () => {
  it("points relative links at the wiki's pages as GitLab's WikiLinkFilter: from the root, or from the page's directory with ./ and ../", () => {
    expect(html("[deploy](deploy)")).toContain('href="/g/p/-/wikis/deploy"');
    expect(html("[deploy](/deploy#steps)")).toContain('href="/g/p/-/wikis/deploy#steps"');
    expect(html("[next](./next)")).toContain('href="/g/p/-/wikis/guides/next"');
    expect(html("[home](../home)")).toContain('href="/g/p/-/wikis/home"');
    expect(html("[spaced](a%20page)")).toContain('href="/g/p/-/wikis/a%20page"');
  });

  it("shows relative images from the wiki's repository, served as they are; other addresses keep the usual rules", () => {
    expect(html("![diagram](uploads/abc/diagram.png)")).toContain('<img src="/g/p/-/wikis/-/raw/uploads/abc/diagram.png" alt="diagram" loading="lazy"');
    expect(html("![up](../../../../etc/x.png)")).toContain('<img src="/g/p/-/wikis/-/raw/etc/x.png"');
    expect(html("![x](https://evil.example/t.png)")).not.toContain("<img");
    expect(html("[web](https://example.com/a)")).toContain('href="https://example.com/a"');
    expect(html("[top](#top)")).toContain('href="#top"');
    expect(html("[x](javascript:alert(1))")).not.toContain("href=");
  });
});
