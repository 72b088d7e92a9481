import { WikiEmpty } from "@/components/projects/wiki/wiki-empty";
import { WikiPageList } from "@/components/projects/wiki/wiki-page-list";
import { CloneUrlField } from "@/components/projects/overview/clone-url-field";
import { Alert } from "@/components/ui/alert";
import { Pagination } from "@/components/ui/pagination";
import type { ProjectParams } from "@/app/(app)/projects/project-route";
import { wikiPages, wikiRoute } from "@/app/(app)/projects/wiki-route";
import { requestOrigin } from "@/app/(app)/request-origin";
import { pageOf } from "@/app/(app)/route-params";
import { canPushRepository } from "@/lib/projects";
import { lastChanges, wikiCloneUrl, wikiPagesUrl } from "@/lib/wikis";

/** Pages listed at once (each page of the list walks its pages' directories for their last change). */
const PER_PAGE = 100;

/** Every page of the wiki (`/-/wikis/pages`, GitLab's "Wiki Pages"), grouped by directory, with each one's last change. */
export default async function WikiPagesPage({ params, searchParams }: { params: Promise<ProjectParams>; searchParams: Promise<{ page?: string }> }) {
  const { user, project, repo } = await wikiRoute(params);
  const fullPath = project.fullPath;
  const cloneUrl = wikiCloneUrl(await requestOrigin(), fullPath);
  const { head, pages, truncated } = await wikiPages(repo);
  if (!head || pages.length === 0) return <WikiEmpty cloneUrl={cloneUrl} canWrite={canPushRepository(user, project, "wiki")} />;
  const page = pageOf((await searchParams).page);
  const shown = pages.slice((page - 1) * PER_PAGE, page * PER_PAGE);
  const changes = await lastChanges(
    repo,
    head,
    shown.map((entry) => entry.path),
  );
  return (
    <section aria-labelledby="wiki-pages-title">
      <header className="mb-4 flex flex-wrap items-end justify-between gap-3">
        <h1 id="wiki-pages-title" className="text-2xl font-semibold text-gray-900">
          Wiki Pages <span className="text-base font-normal text-gray-500">{pages.length}</span>
        </h1>
        <div className="w-full max-w-md">
          <CloneUrlField url={cloneUrl} label="Clone repository" compact />
        </div>
      </header>
      {truncated ? (
        <div className="mb-4">
          <Alert tone="warning">This wiki has more files than Ferry reads at once: only the pages among its first files are listed.</Alert>
        </div>
      ) : null}
      <WikiPageList fullPath={fullPath} pages={shown} changes={changes} />
      <Pagination page={page} totalPages={Math.ceil(pages.length / PER_PAGE)} hrefFor={(p) => (p > 1 ? `${wikiPagesUrl(fullPath)}?page=${p}` : wikiPagesUrl(fullPath))} label="Wiki pages pagination" />
    </section>
  );
}
