import { fileAt, GitNotFoundError, listTree, resolveRevision, type TreeItem } from "@/lib/repositories";
import { booleanParam } from "./booleans";
import { readAll } from "./param-error";
import { repositoryRoute } from "./repository-route";
import { json } from "./responses";

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

// Entries read per pass over the wiki's tree.
const TREE_PAGE = 1000;
// Pages whose content is read at once for with_content.
const CONTENT_AT_ONCE = 4;
// GitLab's Gitlab::Git::Blob::MAX_DATA_DISPLAY_SIZE: a page's content is read up to this.
const MAX_CONTENT_BYTES = 10 * 1024 * 1024;

const extensionOf = (name: string) => {
  const dot = name.lastIndexOf(".");
  return dot <= 0 ? "" : name.slice(dot + 1).toLowerCase();
};

/** A wiki page as Entities::WikiPageBasic shows it: format by extension, slug the path without it, title the file's name with `-` as spaces. */
export function wikiPage(path: string) {
  const name = path.slice(path.lastIndexOf("/") + 1);
  const extension = extensionOf(name);
  const format = MARKUPS.find(([, pattern]) => pattern.test(extension))?.[0] ?? "markdown";
  const title = (extension ? name.slice(0, -(extension.length + 1)) : name).replace(/-/g, " ");
  return { format, slug: path.replace(/\.[^.]+$/, ""), title };
}

/** A page's content as GitLab shows it: without the YAML front matter (`---` ... `---`) it may start with. */
export function withoutFrontMatter(text: string): string {
  const match = /^---[ \t]*\r?\n([\s\S]*?)\r?\n---[ \t]*(?:\r?\n|$)/.exec(text);
  if (!match) return text;
  // Only a block that reads as YAML keys is front matter; anything else is the page's own text.
  const first = match[1]!.split(/\r?\n/).find((line) => line.trim() !== "");
  return first === undefined || /^[\w-]+[ \t]*:/.test(first) ? text.slice(match[0].length) : text;
}

/** The wiki's default branch's commit and every file in it; null for an empty or missing wiki. */
async function wikiFiles(repo: string): Promise<{ commit: string; files: TreeItem[] } | null> {
  const files: TreeItem[] = [];
  let commit: string;
  try {
    commit = await resolveRevision(repo, "HEAD");
  } catch (error) {
    if (error instanceof GitNotFoundError) return null;
    throw error;
  }
  let pageToken: string | undefined;
  do {
    const listed = await listTree(repo, { ref: commit, recursive: true, perPage: TREE_PAGE, pageToken });
    files.push(...listed.items.filter((item) => item.type === "blob"));
    pageToken = listed.next_page_token ?? undefined;
  } while (pageToken);
  return { commit, files };
}

/**
 * GET /projects/:id/wikis: the wiki's pages (`[{format, slug, title}]`, with `with_content` also `content` and
 * `encoding`), by path. Whoever sees the project reads its wiki (GitLab's read_wiki); an empty wiki lists nothing.
 */
export const wikisRoute = repositoryRoute({ tail: "wikis", kind: "wiki" }, async ({ url, repo }) => {
  const [withContent] = readAll(() => booleanParam(url.searchParams.get("with_content"), "with_content") ?? false);
  const wiki = await wikiFiles(repo);
  if (!wiki) return json([]);
  const paths = wiki.files
    .map((file) => file.path)
    .filter((path) => PAGE_FILE.test(path))
    .sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)));
  if (!withContent) return json(paths.map(wikiPage));
  const pages: (ReturnType<typeof wikiPage> & { content: string; encoding: string })[] = [];
  for (let at = 0; at < paths.length; at += CONTENT_AT_ONCE) {
    const batch = paths.slice(at, at + CONTENT_AT_ONCE);
    const files = await Promise.all(batch.map((path) => fileAt(repo, wiki.commit, path, { maxBytes: MAX_CONTENT_BYTES })));
    files.forEach((file, index) => {
      // A binary page, or one past the limit (which GitLab cuts there), has its content left out.
      pages.push({ ...wikiPage(batch[index]!), content: withoutFrontMatter(file.content ?? ""), encoding: "UTF-8" });
    });
  }
  return json(pages);
});
