import type { Metadata } from "next";
import { WikiEmpty } from "@/components/projects/wiki/wiki-empty";
import { WikiHistory } from "@/components/projects/wiki/wiki-history";
import { WikiPageView } from "@/components/projects/wiki/wiki-page-view";
import { WikiSidebar } from "@/components/projects/wiki/wiki-sidebar";
import { LinkButton } from "@/components/ui/button";
import { Pagination } from "@/components/ui/pagination";
import { splitParts, type ProjectPartsParams } from "@/app/(app)/projects/project-route";
import { wikiPages, wikiPartsRoute, wikiView } from "@/app/(app)/projects/wiki-route";
import { requestOrigin } from "@/app/(app)/request-origin";
import { pageOf } from "@/app/(app)/route-params";
import { canPushRepository } from "@/lib/projects";
import { HISTORY_PER_PAGE, HOME_SLUG, wikiCloneUrl, wikiHistoryUrl, wikiPageHistory, wikiPageUrl } from "@/lib/wikis";

interface WikiSearch {
  version_id?: string | string[];
  page?: string | string[];
}

const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);

/** "<page> · Wiki · a/b/p", "History · <page> · Wiki · a/b/p", as GitLab titles them; from the URL alone. */
export async function generateMetadata({ params }: { params: Promise<ProjectPartsParams> }): Promise<Metadata> {
  const split = splitParts((await params).parts);
  if (!split) return { title: "Wiki" };
  const history = split.tail.length > 1 && split.tail.at(-1) === "history";
  const slug = (history ? split.tail.slice(0, -1) : split.tail).join("/") || HOME_SLUG;
  const page = slug.slice(slug.lastIndexOf("/") + 1).replace(/-/g, " ");
  return { title: `${history ? "History · " : ""}${page} · Wiki · ${split.fullPath}` };
}

/**
 * The wiki (`/-/wikis/<slug>`, `/-/wikis/<slug>/history`): a page rendered, at a version with `?version_id=`, beside the
 * list of pages; a page's versions; the empty state of a wiki without pages; GitLab's 404 for a page that is not there.
 */
export default async function WikiPage({ params, searchParams }: { params: Promise<ProjectPartsParams>; searchParams: Promise<WikiSearch> }) {
  const { user, project, repo, tail } = await wikiPartsRoute(params);
  const query = await searchParams;
  const version = first(query.version_id) || undefined;
  const fullPath = project.fullPath;
  const view = await wikiView(project, repo, tail, version);
  if (view.kind === "empty") {
    return <WikiEmpty cloneUrl={wikiCloneUrl(await requestOrigin(), fullPath)} canWrite={canPushRepository(user, project, "wiki")} />;
  }
  const { pages } = await wikiPages(repo);
  if (view.kind === "history") {
    const page = pageOf(first(query.page));
    const history = await wikiPageHistory(repo, view.head, view.page.path, page);
    return (
      <div className="flex flex-col gap-6 lg:flex-row lg:items-start">
        <div className="min-w-0 flex-1">
          <header className="mb-4 flex flex-wrap items-center justify-between gap-3">
            <h1 className="text-2xl font-semibold text-gray-900">History</h1>
            <LinkButton href={wikiPageUrl(fullPath, view.page.slug)} variant="secondary" size="sm">
              {`View ${view.page.title}`}
            </LinkButton>
          </header>
          <WikiHistory fullPath={fullPath} slug={view.page.slug} history={history} page={page} />
          <Pagination page={page} totalPages={Math.ceil(history.total / HISTORY_PER_PAGE)} hrefFor={(p) => wikiHistoryUrl(fullPath, view.page.slug, p)} label="History pagination" />
        </div>
        <WikiSidebar fullPath={fullPath} pages={pages} current={view.page.slug} />
      </div>
    );
  }
  return (
    <div className="flex flex-col gap-6 lg:flex-row lg:items-start">
      <WikiPageView page={view.page} fullPath={fullPath} />
      <WikiSidebar fullPath={fullPath} pages={pages} current={view.page.slug} />
    </div>
  );
}
