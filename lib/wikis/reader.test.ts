import fs from "node:fs";
import path from "node:path";
import { text } from "node:stream/consumers";
import { beforeAll, describe, expect, it } from "vitest";
import { commitFiles, git, newWorktree, temporaryDirectory } from "@/test/helpers/git-client";
import { findWikiPage, lastChanges, listWikiPages, matchPage, openWikiFile, wikiFileExists, wikiHead, wikiPageHistory } from "./reader";

// A wiki made with the real git client: pages at the root and in directories, in several formats, an attachment, and
// a page edited over several commits (one of them by someone else).
const root = temporaryDirectory("ferry-wiki-reader-");
let repo: string;
let worktree: string;
const sha: Record<string, string> = {};

beforeAll(async () => {
  worktree = await newWorktree(root, "wiki-worktree");
  await git(worktree, ["rm", "--quiet", "README.md"]);
  sha.first = await commitFiles(
    worktree,
    {
      "home.md": "# Welcome\n\nSee [the guide](guides/getting-started).\n",
      "guides/getting-started.md": "---\ntitle: Getting started\n---\nStep one.\n",
      "guides/deep/nested.org": "* Heading\n",
      "notes.rdoc": "= Notes\n",
      "manual.adoc": "= Manual\n",
      "uploads/abc/picture.png": "\x89PNG\r\n\x1a\n\0\0binary",
    },
    "Create the wiki",
  );
  fs.writeFileSync(path.join(worktree, "guides/getting-started.md"), "---\ntitle: Getting started\n---\nStep one.\nStep two.\n");
  await git(worktree, ["add", "--all"]);
  await git(worktree, ["-c", "user.name=Grace Hopper", "-c", "user.email=grace@example.com", "commit", "--quiet", "--author=Grace Hopper <grace@example.com>", "--message", "Add step two"]);
  sha.second = await git(worktree, ["rev-parse", "HEAD"]);
  sha.third = await commitFiles(worktree, { "home.md": "# Welcome back\n" }, "Reword the home page");
  sha.fourth = await commitFiles(worktree, { "guides/getting-started.md": "Step one.\nStep two.\nStep three.\n" }, "Add step three, drop the front matter");
  repo = path.join(root, "wiki.git");
  await git(root, ["clone", "--quiet", "--bare", "--no-local", worktree, repo]);
});

describe("listing a wiki's pages", () => {
  it("lists every page by path, in subdirectories too, named as GitLab names them, and no attachment", async () => {
    const { pages, truncated } = await listWikiPages(repo, sha.fourth!);
    expect(truncated).toBe(false);
    expect(pages).toEqual([
      { path: "guides/deep/nested.org", format: "org", slug: "guides/deep/nested", title: "nested" },
      { path: "guides/getting-started.md", format: "markdown", slug: "guides/getting-started", title: "getting started" },
      { path: "home.md", format: "markdown", slug: "home", title: "home" },
      { path: "manual.adoc", format: "asciidoc", slug: "manual", title: "manual" },
      { path: "notes.rdoc", format: "rdoc", slug: "notes", title: "notes" },
    ]);
  });

  it("finds nothing in a wiki without a repository or without a commit", async () => {
    expect(await wikiHead(path.join(root, "missing.git"))).toBeNull();
    const empty = path.join(root, "empty.git");
    await git(root, ["init", "--quiet", "--bare", empty]);
    expect(await wikiHead(empty)).toBeNull();
    expect(await findWikiPage(empty, "home", { maxBytes: 1000 })).toBeNull();
    expect(await openWikiFile(empty, "home.md")).toBeNull();
  });

  it("knows when each page last changed, with one walk per directory", async () => {
    const changes = await lastChanges(repo, sha.fourth!, ["home.md", "guides/getting-started.md", "guides/deep/nested.org", "notes.rdoc"]);
    expect(Object.fromEntries([...changes].map(([file, commit]) => [file, commit.id]))).toEqual({
      "home.md": sha.third,
      "guides/getting-started.md": sha.fourth,
      "guides/deep/nested.org": sha.first,
      "notes.rdoc": sha.first,
    });
  });
});

describe("reading a page", () => {
  it("reads a nested page at HEAD with its last editor", async () => {
    const page = await findWikiPage(repo, "guides/getting-started", { maxBytes: 1000 });
    expect(page).toMatchObject({ path: "guides/getting-started.md", slug: "guides/getting-started", format: "markdown", commit: sha.fourth, head: sha.fourth, content: "Step one.\nStep two.\nStep three.\n", historical: false, tooLarge: false });
    expect(page?.lastCommit).toMatchObject({ id: sha.fourth, title: "Add step three, drop the front matter" });
  });

  it("reads other formats as text, by slug in any case, as GitLab matches", async () => {
    expect(await findWikiPage(repo, "NOTES", { maxBytes: 1000 })).toMatchObject({ format: "rdoc", content: "= Notes\n" });
    expect(await findWikiPage(repo, "guides/deep/nested", { maxBytes: 1000 })).toMatchObject({ format: "org", content: "* Heading\n" });
  });

  it("reads an older version, which is historical; the version that is still the page's latest is not", async () => {
    const old = await findWikiPage(repo, "guides/getting-started", { version: sha.second, maxBytes: 1000 });
    expect(old).toMatchObject({ commit: sha.second, head: sha.fourth, historical: true, content: "---\ntitle: Getting started\n---\nStep one.\nStep two.\n" });
    expect(old?.lastCommit).toMatchObject({ id: sha.second, author_name: "Grace Hopper" });
    // The home page did not change in the fourth commit: at the third, it is the latest version.
    expect(await findWikiPage(repo, "home", { version: sha.third!.slice(0, 10), maxBytes: 1000 })).toMatchObject({ historical: false, content: "# Welcome back\n" });
    // Before the page existed, or at a version that is no commit, there is no page.
    expect(await findWikiPage(repo, "home", { version: await git(worktree, ["rev-list", "--max-parents=0", "HEAD"]), maxBytes: 1000 })).toBeNull();
    expect(await findWikiPage(repo, "home", { version: "0".repeat(40), maxBytes: 1000 })).toBeNull();
    expect(await findWikiPage(repo, "home", { version: "main", maxBytes: 1000 })).toBeNull();
    expect(await findWikiPage(repo, "home", { version: "--output=/tmp/x", maxBytes: 1000 })).toBeNull();
  });

  it("answers null for a missing page, an attachment's path and a slug that names nothing; ../ never leaves the wiki's root", async () => {
    expect(await findWikiPage(repo, "nowhere", { maxBytes: 1000 })).toBeNull();
    expect(await findWikiPage(repo, "uploads/abc/picture", { maxBytes: 1000 })).toBeNull();
    expect(await findWikiPage(repo, "", { maxBytes: 1000 })).toBeNull();
    expect(await findWikiPage(repo, "home\0", { maxBytes: 1000 })).toBeNull();
    // As GitLab's sluggified_title: `..` stops at the root, so `../home` is the home page and nothing outside.
    expect(await findWikiPage(repo, "../home", { maxBytes: 1000 })).toMatchObject({ path: "home.md" });
    expect(await findWikiPage(repo, "../../wiki-worktree/home", { maxBytes: 1000 })).toBeNull();
    expect(await findWikiPage(repo, "guides/../../../home", { maxBytes: 1000 })).toMatchObject({ path: "home.md" });
    expect(matchPage([{ path: "a.md", format: "markdown", slug: "a", title: "a" }], "..")).toBeNull();
  });

  it("leaves out the content of a page larger than asked, and says so", async () => {
    expect(await findWikiPage(repo, "home", { maxBytes: 4 })).toMatchObject({ content: null, tooLarge: true });
  });
});

describe("a page's history", () => {
  it("lists the versions of the page's file, newest first, with their count", async () => {
    const history = await wikiPageHistory(repo, sha.fourth!, "guides/getting-started.md");
    expect(history.total).toBe(3);
    expect(history.hasMore).toBe(false);
    expect(history.commits.map((commit) => [commit.id, commit.author_name, commit.title])).toEqual([
      [sha.fourth, "Ada Lovelace", "Add step three, drop the front matter"],
      [sha.second, "Grace Hopper", "Add step two"],
      [sha.first, "Ada Lovelace", "Create the wiki"],
    ]);
    expect((await wikiPageHistory(repo, sha.fourth!, "home.md")).commits.map((commit) => commit.id)).toEqual([sha.third, sha.first]);
    expect(await wikiPageHistory(repo, sha.fourth!, "../home.md")).toEqual({ commits: [], total: 0, hasMore: false });
  });

  it("pages through a long history, HISTORY_PER_PAGE at a time", async () => {
    const long = await newWorktree(root, "long-history");
    for (let version = 1; version <= 23; version++) await commitFiles(long, { "page.md": `version ${version}\n` }, `Version ${version}`);
    const longRepo = path.join(root, "long.git");
    await git(root, ["clone", "--quiet", "--bare", "--no-local", long, longRepo]);
    const head = (await wikiHead(longRepo))!;
    const first = await wikiPageHistory(longRepo, head, "page.md");
    const second = await wikiPageHistory(longRepo, head, "page.md", 2);
    expect([first.total, first.commits.length, first.hasMore, first.commits[0]!.title]).toEqual([23, 20, true, "Version 23"]);
    expect([second.commits.length, second.hasMore, second.commits.at(-1)!.title]).toEqual([3, false, "Version 1"]);
  });
});

describe("a wiki's attachments", () => {
  it("streams a file of the wiki as it is, and finds no file that is not there", async () => {
    const file = await openWikiFile(repo, "uploads/abc/picture.png");
    expect(file).toMatchObject({ name: "picture.png", binary: true });
    expect(await text(file!.stream)).toBe("\x89PNG\r\n\x1a\n\0\0binary");
    expect(await openWikiFile(repo, "uploads/none.png")).toBeNull();
    expect(await openWikiFile(repo, "../wiki-worktree/home.md")).toBeNull();
    expect([await wikiFileExists(repo, sha.fourth!, "uploads/abc/picture.png"), await wikiFileExists(repo, sha.fourth!, "uploads")]).toEqual([true, false]);
  });
});
