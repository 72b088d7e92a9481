import { describe, expect, it } from "vitest";
import { frontMatterTitle, humanTitle, isPageFile, normalizeSlug, wikiPage, withoutFrontMatter } from "./markups";
import { wikiHistoryUrl, wikiLinkPath, wikiPageUrl, wikiRawUrl } from "./urls";

describe("wiki pages", () => {
  it("names a page as GitLab does: format by extension, slug without it, title with spaces", () => {
    expect(wikiPage("deploy.md")).toEqual({ format: "markdown", slug: "deploy", title: "deploy" });
    expect(wikiPage("guides/Getting-Started.ADOC")).toEqual({ format: "asciidoc", slug: "guides/Getting-Started", title: "Getting Started" });
    expect(wikiPage("notes.rst.txt")).toEqual({ format: "plaintext", slug: "notes.rst", title: "notes.rst" });
    expect(wikiPage("old.mediawiki")).toEqual({ format: "mediawiki", slug: "old", title: "old" });
  });

  it("tells pages from attachments by extension", () => {
    expect(["a.md", "b/c.org", "d.rdoc", "e.adoc"].map(isPageFile)).toEqual([true, true, true, true]);
    expect(["uploads/x.png", "Makefile", "a.md.bak"].map(isPageFile)).toEqual([false, false, false]);
  });

  it("drops YAML front matter, and only that", () => {
    expect(withoutFrontMatter("---\ntitle: Hi\ntags: [a]\n---\nBody\n")).toBe("Body\n");
    expect(withoutFrontMatter("---\nnot yaml keys\n---\nBody\n")).toBe("---\nnot yaml keys\n---\nBody\n");
    expect(withoutFrontMatter("Body\n---\na: b\n---\n")).toBe("Body\n---\na: b\n---\n");
  });

  it("titles a page by its front matter, then Home for the home page, then its file's name", () => {
    expect(frontMatterTitle('---\ntags: [a]\ntitle: "Deploying it"\n---\nBody\n')).toBe("Deploying it");
    expect(frontMatterTitle("---\ntitle:\n---\nBody\n")).toBeNull();
    expect(frontMatterTitle("title: not front matter\n")).toBeNull();
    expect(humanTitle(wikiPage("home.md"), "Welcome\n")).toBe("Home");
    expect(humanTitle(wikiPage("guides/getting-started.md"), null)).toBe("getting started");
    expect(humanTitle(wikiPage("home.md"), "---\ntitle: Start here\n---\n")).toBe("Start here");
  });

  it("reads a slug as a path below the wiki's root, as GitLab's sluggified_title", () => {
    expect(normalizeSlug("guides/getting started")).toBe("guides/getting-started");
    expect(normalizeSlug("../x")).toBe("x");
    expect(normalizeSlug("a/../../../b")).toBe("b");
    expect(normalizeSlug("/a//./b/")).toBe("a/b");
    expect([normalizeSlug(""), normalizeSlug(".."), normalizeSlug("a\0b"), normalizeSlug("a\nb"), normalizeSlug("x".repeat(5000))]).toEqual([null, null, null, null, null]);
  });
});

describe("wiki addresses", () => {
  it("builds GitLab's addresses, each segment encoded", () => {
    expect(wikiPageUrl("g/p", "guides/a b")).toBe("/g/p/-/wikis/guides/a%20b");
    expect(wikiPageUrl("g/p", "home", "abc123")).toBe("/g/p/-/wikis/home?version_id=abc123");
    expect(wikiHistoryUrl("g/p", "guides/start")).toBe("/g/p/-/wikis/guides/start/history");
    expect(wikiHistoryUrl("g/p", "home", 2)).toBe("/g/p/-/wikis/home/history?page=2");
    expect(wikiRawUrl("g/p", "uploads/a#1.png")).toBe("/g/p/-/wikis/-/raw/uploads/a%231.png");
  });

  it("reads relative links as GitLab's WikiLinkFilter: ./ and ../ from the page's directory, the rest from the root", () => {
    expect(wikiLinkPath("deploy", "guides/start")).toEqual({ path: "deploy", suffix: "" });
    expect(wikiLinkPath("/deploy#steps", "guides/start")).toEqual({ path: "deploy", suffix: "#steps" });
    expect(wikiLinkPath("./next", "guides/start")).toEqual({ path: "guides/next", suffix: "" });
    expect(wikiLinkPath("../home", "guides/start")).toEqual({ path: "home", suffix: "" });
    expect(wikiLinkPath("../../../../etc/passwd", "guides/start")).toEqual({ path: "etc/passwd", suffix: "" });
    expect(wikiLinkPath("uploads/a%20b.png", "home")).toEqual({ path: "uploads/a b.png", suffix: "" });
    expect([wikiLinkPath("https://example.com/x", "home"), wikiLinkPath("//evil.test/x", "home"), wikiLinkPath("#top", "home"), wikiLinkPath("%E0%A4%A", "home")]).toEqual([null, null, null, null]);
  });
});
