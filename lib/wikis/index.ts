// Public face of lib/wikis: a project's wiki as GitLab shows it, read from the wiki's bare repository (lib/repositories,
// kind "wiki"): its pages (named by markups.ts), one page at a version, a page's history, its attachments. The API and
// the pages read the wiki through here only. markups.ts and urls.ts are browser-safe and may be imported directly.
export { frontMatterTitle, HOME_SLUG, humanTitle, isPageFile, normalizeSlug, wikiPage, withoutFrontMatter, type WikiPageName } from "./markups";
export {
  findWikiPage,
  HISTORY_PER_PAGE,
  lastChanges,
  listWikiFiles,
  listWikiPages,
  matchPage,
  MAX_WIKI_FILES,
  openWikiFile,
  wikiFileExists,
  wikiHead,
  wikiPageHistory,
  type FindPageOptions,
  type WikiHistoryPage,
  type WikiPageEntry,
  type WikiPageVersion,
} from "./reader";
export { wikiCloneUrl, wikiHistoryUrl, wikiLinkPath, wikiPagesUrl, wikiPageUrl, wikiRawUrl, wikiUrl } from "./urls";
