// What a file of a wiki is, as GitLab names it: its format by extension (Wiki::MARKUPS), its slug and title by path.
// Browser-safe: pages and the API both name pages with it.

// GitLab's Wiki::MARKUPS, in its order: a page's format is the first whose pattern its extension matches.
const MARKUPS: readonly [string, RegExp][] = [
  ["markdown", /md|mkdn?|mdown|markdown/i],
  ["rdoc", /rdoc/i],
  ["asciidoc", /adoc|asciidoc/i],
  ["org", /org/i],
  ["textile", /textile/i],
  ["creole", /creole/i],
  ["rest", /re?st(\.txt)?/i],
  ["mediawiki", /(media)?wiki/i],
  ["pod", /pod/i],
  ["plaintext", /txt/i],
];

// Which files are pages (Wiki#list_page_paths): any whose name ends in one of those extensions.
const PAGE_FILE = new RegExp(`\\.(${MARKUPS.map(([, pattern]) => pattern.source).join("|")})$`, "i");

/** GitLab's home page: where `/-/wikis` leads. */
export const HOME_SLUG = "home";

export interface WikiPageName {
  format: string;
  slug: string;
  title: string;
}

/** Whether a file of the wiki is one of its pages (rather than an attachment such as an image). */
export const isPageFile = (path: string) => PAGE_FILE.test(path);

const extensionOf = (name: string) => {
  const dot = name.lastIndexOf(".");
  return dot <= 0 ? "" : name.slice(dot + 1).toLowerCase();
};

/** A wiki page as Entities::WikiPageBasic shows it: format by extension, slug the path without it, title the file's name with `-` as spaces. */
export function wikiPage(path: string): WikiPageName {
  const name = path.slice(path.lastIndexOf("/") + 1);
  const extension = extensionOf(name);
  const format = MARKUPS.find(([, pattern]) => pattern.test(extension))?.[0] ?? "markdown";
  const title = (extension ? name.slice(0, -(extension.length + 1)) : name).replace(/-/g, " ");
  return { format, slug: path.replace(/\.[^.]+$/, ""), title };
}

const FRONT_MATTER = /^---[ \t]*\r?\n([\s\S]*?)\r?\n---[ \t]*(?:\r?\n|$)/;

/** The YAML front matter (`---` ... `---`) a page starts with, and the text after it; null front matter when it has none. */
function splitFrontMatter(text: string): { frontMatter: string | null; body: string } {
  const match = FRONT_MATTER.exec(text);
  if (!match) return { frontMatter: null, body: text };
  // Only a block that reads as YAML keys is front matter; anything else is the page's own text.
  const first = match[1]!.split(/\r?\n/).find((line) => line.trim() !== "");
  if (first !== undefined && !/^[\w-]+[ \t]*:/.test(first)) return { frontMatter: null, body: text };
  return { frontMatter: match[1]!, body: text.slice(match[0].length) };
}

/** A page's content as GitLab shows it: without the YAML front matter it may start with. */
export const withoutFrontMatter = (text: string): string => splitFrontMatter(text).body;

/**
 * The `title:` of a page's front matter, which GitLab shows instead of the file's name (WikiPage#human_title); null
 * when there is none. Only a plain or quoted scalar on the key's own line: a title is one line.
 */
export function frontMatterTitle(text: string): string | null {
  const { frontMatter } = splitFrontMatter(text);
  const line = frontMatter?.split(/\r?\n/).find((candidate) => /^title[ \t]*:/.test(candidate));
  if (!line) return null;
  const value = line.slice(line.indexOf(":") + 1).trim();
  const unquoted = /^(["'])(.*)\1$/.exec(value)?.[2] ?? value;
  return unquoted.trim() === "" ? null : unquoted.trim();
}

/** GitLab's WikiPage#human_title: the front matter's title, "Home" for the home page, else the page's title. */
export function humanTitle(page: WikiPageName, content: string | null): string {
  const fromFrontMatter = content === null ? null : frontMatterTitle(content);
  if (fromFrontMatter) return fromFrontMatter;
  return page.slug === HOME_SLUG ? "Home" : page.title;
}

/**
 * A slug as GitLab's Wiki#sluggified_title reads it: resolved as a path under the wiki's root (`.` and `..` parts and
 * empty parts gone, never above the root: `../x` is `x`), spaces as `-`. Null for what can name no page (empty, NUL or
 * line breaks, too long).
 */
export function normalizeSlug(slug: string): string | null {
  if (slug.length > MAX_SLUG_CHARS || /[\0\r\n]/.test(slug)) return null;
  const parts: string[] = [];
  for (const part of slug.split("/")) {
    if (part === "" || part === ".") continue;
    if (part === "..") parts.pop();
    else parts.push(part);
  }
  const normalized = parts.join("/").replace(/ /g, "-");
  return normalized === "" ? null : normalized;
}

// git's own limit on a path is 4096 bytes; a slug is that path without its extension.
const MAX_SLUG_CHARS = 4096;
