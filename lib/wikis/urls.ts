// The addresses of a project's wiki as GitLab lays them out, and how a page's relative links read (Banzai's
// WikiLinkFilter). Browser-safe: the Markdown component and the pages build links with it.

const segments = (value: string) => value.split("/").map(encodeURIComponent).join("/");

/** `/<project>/-/wikis`: GitLab sends it on to the home page. */
export const wikiUrl = (fullPath: string) => `/${fullPath}/-/wikis`;
/** Every page of the wiki. */
export const wikiPagesUrl = (fullPath: string) => `/${fullPath}/-/wikis/pages`;
/** A page; with `version`, the page as that commit left it (GitLab's `version_id`). */
export const wikiPageUrl = (fullPath: string, slug: string, version?: string) => `/${fullPath}/-/wikis/${segments(slug)}${version ? `?version_id=${encodeURIComponent(version)}` : ""}`;
/** A page's versions (GitLab's `/-/wikis/<slug>/history`). */
export const wikiHistoryUrl = (fullPath: string, slug: string, page?: number) => `/${fullPath}/-/wikis/${segments(slug)}/history${page && page > 1 ? `?page=${page}` : ""}`;
/**
 * A file of the wiki's repository as it is (an image a page shows). GitLab serves these at the page's own address when
 * no page has that slug; Ferry gives them an address of their own below `/-/wikis/-/`, which GitLab keeps for its own
 * routes, so no page can take it.
 */
export const wikiRawUrl = (fullPath: string, path: string) => `/${fullPath}/-/wikis/-/raw/${segments(path)}`;
/** What `git clone` takes for the wiki: `<origin>/<full path>.wiki.git`. */
export const wikiCloneUrl = (origin: string, fullPath: string) => `${origin.replace(/\/$/, "")}/${fullPath}.wiki.git`;

/**
 * Where a relative link of the page `pageSlug` leads, as a path of the wiki and the `?query#fragment` it keeps; null
 * for an address that is not relative (a scheme, `//host`, `#fragment` alone) or that cannot be decoded. As GitLab's
 * WikiLinkFilter: `./x` and `../x` are read from the page's directory, anything else (`x`, `/x`, `dir/x`) from the
 * wiki's root; nothing leads above the root.
 */
export function wikiLinkPath(target: string, pageSlug: string): { path: string; suffix: string } | null {
  if (target === "" || /^([a-z][a-z0-9+.-]*:|\/\/|\\|#)/i.test(target)) return null;
  const cut = target.search(/[?#]/);
  const pathPart = cut < 0 ? target : target.slice(0, cut);
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathPart);
  } catch {
    return null;
  }
  const parts = decoded.startsWith(".") ? pageSlug.split("/").slice(0, -1) : [];
  for (const part of decoded.split("/")) {
    if (part === "" || part === ".") continue;
    if (part === "..") parts.pop();
    else parts.push(part);
  }
  return { path: parts.join("/"), suffix: cut < 0 ? "" : target.slice(cut) };
}
