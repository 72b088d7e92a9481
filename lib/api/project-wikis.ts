import { markdownToHtml, preformattedHtml } from "@/lib/markdown";
import { fileAt } from "@/lib/repositories";
import { findWikiPage, listWikiPages, wikiHead, withoutFrontMatter, type WikiPageName } from "@/lib/wikis";
import { booleanParam } from "./booleans";
import { readAll } from "./param-error";
import { repositoryRoute } from "./repository-route";
import { json, notFound } from "./responses";
import { stringParam } from "./strings";

// Pages whose content is read at once for with_content.
const CONTENT_AT_ONCE = 4;
// GitLab's Gitlab::Git::Blob::MAX_DATA_DISPLAY_SIZE: a page's content is read up to this.
const MAX_CONTENT_BYTES = 10 * 1024 * 1024;

/** Entities::WikiPage: the page's names, its content without front matter (none for a binary or larger page), its encoding. */
const wikiPageEntity = (page: WikiPageName, content: string | null) => ({ format: page.format, slug: page.slug, title: page.title, content: withoutFrontMatter(content ?? ""), encoding: "UTF-8" });

/**
 * GET /projects/:id/wikis: the wiki's pages (`[{format, slug, title}]`, with `with_content` also `content` and
 * `encoding`), by path. Whoever sees the project reads its wiki (GitLab's read_wiki); an empty wiki lists nothing.
 */
export const wikisRoute = repositoryRoute({ tail: "wikis", kind: "wiki" }, async ({ url, repo }) => {
  const [withContent] = readAll(() => booleanParam(url.searchParams.get("with_content"), "with_content") ?? false);
  const head = await wikiHead(repo);
  if (!head) return json([]);
  const { pages } = await listWikiPages(repo, head);
  if (!withContent) return json(pages.map(({ format, slug, title }) => ({ format, slug, title })));
  const listed: ReturnType<typeof wikiPageEntity>[] = [];
  for (let at = 0; at < pages.length; at += CONTENT_AT_ONCE) {
    const batch = pages.slice(at, at + CONTENT_AT_ONCE);
    const files = await Promise.all(batch.map((page) => fileAt(repo, head, page.path, { maxBytes: MAX_CONTENT_BYTES })));
    // A binary page, or one past the limit (which GitLab cuts there), has its content left out.
    files.forEach((file, index) => listed.push(wikiPageEntity(batch[index]!, file.content)));
  }
  return json(listed);
});

/**
 * A page's content as HTML (`render_html`), rendered as the wiki page view renders it: Markdown through the pages'
 * chain (its links to the wiki's pages and files), other markups as their text, preformatted.
 */
function renderedContent(page: WikiPageName, content: string | null, fullPath: string): string {
  if (content === null) return "";
  const text = withoutFrontMatter(content);
  return page.format === "markdown" ? markdownToHtml(text, { wiki: { fullPath, slug: page.slug } }) : preformattedHtml(text);
}

/**
 * GET /projects/:id/wikis/:slug (the slug URL-encoded, `dir%2Fpage`): one page in Entities::WikiPage's shape, at the
 * wiki's HEAD or at `version` (a commit id); "404 Wiki Page Not Found" when there is no such page or version. With
 * `render_html`, its content is the page rendered to HTML.
 */
export const wikiPageRoute = repositoryRoute<"slug">({ tail: "wikis/:slug", kind: "wiki" }, async ({ url, params, repo, project }) => {
  const [version, renderHtml] = readAll(
    () => stringParam(url.searchParams.get("version") ?? undefined, "version"),
    () => booleanParam(url.searchParams.get("render_html"), "render_html") ?? false,
  );
  const page = await findWikiPage(repo, params.slug, { version: version || undefined, maxBytes: MAX_CONTENT_BYTES });
  if (!page) return notFound("Wiki Page Not");
  const entity = wikiPageEntity(page, page.content);
  return json(renderHtml ? { ...entity, content: renderedContent(page, page.content, project.fullPath) } : entity);
});
