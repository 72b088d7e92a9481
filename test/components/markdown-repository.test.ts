import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { Markdown } from "@/components/ui/markdown";

const repository = { fullPath: "g/p", refName: "feature/x", directory: "docs" };
const html = (source: string) => renderToStaticMarkup(createElement(Markdown, { source, repository }));

describe("Markdown of a repository's file", () => {
  it("points relative links at the files' pages at the same ref, and shows relative images from the repository", () => {
    expect(html("[guide](guide.md#install) [up](../README.md) [here](./a%20b.md)")).toContain('href="/g/p/-/blob/feature/x/docs/guide.md#install"');
    expect(html("[up](../README.md)")).toContain('href="/g/p/-/blob/feature/x/README.md"');
    expect(html("[here](./a%20b.md)")).toContain('href="/g/p/-/blob/feature/x/docs/a%20b.md"');
    expect(html("![logo](../assets/logo.png)")).toContain('<img src="/g/p/-/raw/feature/x/assets/logo.png" alt="logo" loading="lazy"');
  });

  it("leaves absolute, same-site, anchor and out-of-tree addresses to the usual rules: other images stay links", () => {
    expect(html("![x](https://evil.example/t.png)")).not.toContain("<img");
    expect(html("![x](/other/-/raw/main/a.png)")).not.toContain("<img");
    expect(html("[a](#top) [b](/x)")).toContain('href="#top"');
    expect(html("[out](../../../etc/passwd)")).not.toContain("href=");
    expect(html("![x](javascript:alert(1))")).not.toMatch(/<img|href=/);
    // Without a repository, relative images are links (and relative links text), as before.
    expect(renderToStaticMarkup(createElement(Markdown, { source: "![logo](logo.png)" }))).not.toContain("<img");
  });
});
