import { notFound, redirect } from "next/navigation";
import { canFetchRepository, type ProjectWithAccess } from "@/lib/projects";
import { repositoryPath } from "@/lib/repositories";
import { findWikiPage, HOME_SLUG, isPageFile, listWikiPages, matchPage, normalizeSlug, wikiFileExists, wikiHead, wikiPage, wikiPageUrl, wikiRawUrl, type WikiPageEntry } from "@/lib/wikis";
import type { PublicUser } from "@/lib/users";
import { projectPartsRoute, projectRoute, type ProjectParams, type ProjectPartsParams } from "./project-route";

/**
 * What the wiki pages (`/-/wikis/...`) share on top of project-route: the user must be allowed the wiki (GitLab's
 * read_wiki, and wiki_access_level not keeping them out; 404 otherwise), and a `/-/wikis/<tail>` is read as GitLab's
 * routes read it: nothing is the home page, `<slug>/history` a page's versions, anything else a page's slug.
 */

/** A page's content is read up to this for the page view; a larger page is offered as a download. */
export const MAX_SHOWN_BYTES = 1024 * 1024;

/** The wiki's repository, if the user may read the wiki. */
function wikiOf(user: PublicUser, project: ProjectWithAccess): { repo: string } {
  if (!canFetchRepository(user, project, "wiki")) notFound();
  return { repo: repositoryPath(project.id, "wiki") };
}

/** The project of a `[...path]` wiki route (the pages list) and its wiki's repository. */
export async function wikiRoute(params: Promise<ProjectParams>) {
  const { user, project } = await projectRoute(params);
  return { user, project, ...wikiOf(user, project) };
}

/** Every page of the wiki at HEAD (none for an empty wiki), and its HEAD. */
export async function wikiPages(repo: string): Promise<{ head: string | null; pages: WikiPageEntry[]; truncated: boolean }> {
  const head = await wikiHead(repo);
  if (!head) return { head, pages: [], truncated: false };
  return { head, ...(await listWikiPages(repo, head)) };
}

/** The project and wiki of a `[...parts]` wiki route (`/-/wikis/<tail>`), and its tail: empty for `/-/wikis` itself. */
export async function wikiPartsRoute(params: Promise<ProjectPartsParams>) {
  const { user, project, tail } = await projectPartsRoute(params);
  return { user, project, tail, ...wikiOf(user, project) };
}

export type WikiView =
  | { kind: "page"; page: NonNullable<Awaited<ReturnType<typeof findWikiPage>>> }
  | { kind: "history"; page: WikiPageEntry; head: string }
  | { kind: "empty" };

/**
 * What `/-/wikis/<tail>` shows, as GitLab's WikisController decides: `/-/wikis` goes on to the home page; a page by
 * its slug (at `version` when asked); `<slug>/history` the page's versions; in a wiki without any commit, the empty
 * state for any slug. A slug that names a file of the wiki rather than a page leads to the file (a page's file by its
 * name, `deploy.md`, to the page). Anything else is 404.
 */
export async function wikiView(project: ProjectWithAccess, repo: string, tail: string[], version?: string): Promise<WikiView> {
  const fullPath = project.fullPath;
  if (tail.length === 0) redirect(wikiPageUrl(fullPath, HOME_SLUG));
  if (tail.length > 1 && tail.at(-1) === "history") {
    const head = await wikiHead(repo);
    const page = head ? matchPage((await listWikiPages(repo, head)).pages, tail.slice(0, -1).join("/")) : null;
    if (!head || !page) notFound();
    return { kind: "history", page, head };
  }
  const slug = tail.join("/");
  const page = await findWikiPage(repo, slug, { version, maxBytes: MAX_SHOWN_BYTES });
  if (page) return { kind: "page", page };
  const head = await wikiHead(repo);
  if (!head) return { kind: "empty" };
  const path = normalizeSlug(slug);
  if (version === undefined && path !== null && path === slug && (await wikiFileExists(repo, head, path))) {
    redirect(isPageFile(path) ? wikiPageUrl(fullPath, wikiPage(path).slug) : wikiRawUrl(fullPath, path));
  }
  notFound();
}
