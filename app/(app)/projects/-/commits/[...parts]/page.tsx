import { commitsUrl, treeUrl } from "@/components/projects/project-urls";
import { CommitList } from "@/components/projects/repository/commit-list";
import { EmptyRepository } from "@/components/projects/repository/empty-repository";
import { FileBreadcrumbs } from "@/components/projects/repository/file-breadcrumbs";
import { PrevNext } from "@/components/projects/repository/prev-next";
import { RefSwitcher } from "@/components/projects/repository/ref-switcher";
import { LinkButton } from "@/components/ui/button";
import type { ProjectPartsParams } from "@/app/(app)/projects/project-route";
import { searchRefs } from "@/app/(app)/projects/ref-search";
import { commitsRoute } from "@/app/(app)/projects/repository-route";
import { pageOf } from "@/app/(app)/route-params";
import { listCommits, refNames } from "@/lib/repositories";

const PER_PAGE = 40;

/**
 * Commits (`/-/commits/<ref>[/<path>]`): the history of a branch, tag or commit, of one file or directory when a path
 * follows, 40 a page. git pages it (skip and one more than a page): nothing counts the whole history.
 */
export default async function CommitsPage({ params, searchParams }: { params: Promise<ProjectPartsParams>; searchParams: Promise<{ page?: string }> }) {
  const { project, repo, at } = await commitsRoute(params);
  const fullPath = project.fullPath;
  if (!at) return <EmptyRepository fullPath={fullPath} />;
  const page = pageOf((await searchParams).page);
  const [history, refs] = await Promise.all([listCommits(repo, { ref: at.commit, path: at.path || undefined, page, perPage: PER_PAGE }), refNames(repo, { limit: 20 })]);
  const here = commitsUrl(fullPath, at.ref, at.path || undefined);
  return (
    <section aria-label="Commits">
      <div className="mb-4 flex flex-wrap items-center justify-between gap-3">
        <div className="flex min-w-0 flex-wrap items-center gap-3">
          <RefSwitcher fullPath={fullPath} refName={at.ref} target="commits" path={at.path} initial={refs} search={searchRefs} />
          <FileBreadcrumbs fullPath={fullPath} projectPath={project.path} refName={at.ref} path={at.path} kind="commits" />
        </div>
        <LinkButton variant="secondary" size="sm" href={treeUrl(fullPath, at.ref, at.path || undefined)}>
          Browse files
        </LinkButton>
      </div>
      {at.path ? (
        <p className="mb-4 text-sm text-gray-600">
          {"Commits that changed "}
          <span className="font-mono text-gray-900">{at.path}</span>
          {". "}
          <a href={commitsUrl(fullPath, at.ref)}>Show all commits</a>
        </p>
      ) : null}
      {history.commits.length === 0 ? (
        <p className="rounded-lg border border-dashed border-gray-300 bg-white px-6 py-10 text-center text-sm text-gray-600">{page > 1 ? "No more commits." : "No commits changed this path."}</p>
      ) : (
        <CommitList commits={history.commits} fullPath={fullPath} />
      )}
      <PrevNext page={page} hasMore={history.hasMore} hrefFor={(p) => `${here}?page=${p}`} label="Commits pagination" />
    </section>
  );
}
