import { Suspense } from "react";
import { commitsUrl, treeUrl } from "@/components/projects/project-urls";
import { ArchiveMenu } from "@/components/projects/repository/archive-menu";
import { EmptyRepository } from "@/components/projects/repository/empty-repository";
import { FileBreadcrumbs } from "@/components/projects/repository/file-breadcrumbs";
import { LastCommitBox, LastCommitPlaceholder } from "@/components/projects/repository/last-commit-box";
import { ReadmeBox } from "@/components/projects/repository/readme-box";
import { RefSwitcher } from "@/components/projects/repository/ref-switcher";
import { TreeTable } from "@/components/projects/repository/tree-table";
import { LinkButton } from "@/components/ui/button";
import { Pagination } from "@/components/ui/pagination";
import type { ProjectPartsParams } from "@/app/(app)/projects/project-route";
import { searchRefs } from "@/app/(app)/projects/ref-search";
import { treeRoute } from "@/app/(app)/projects/repository-route";
import { pageOf } from "@/app/(app)/route-params";
import { lastCommitFor, lastCommitsForTree, listTree, readmeIn, refNames, type Commit } from "@/lib/repositories";

const PER_PAGE = 100;
const README_MAX_BYTES = 512 * 1024;

/** Files (`/-/tree/<ref>[/<path>]`): a directory of the repository at a branch, tag or commit, with its README. */
export default async function TreePage({ params, searchParams }: { params: Promise<ProjectPartsParams>; searchParams: Promise<{ page?: string }> }) {
  const { project, repo, at } = await treeRoute(params);
  const fullPath = project.fullPath;
  if (!at) return <EmptyRepository fullPath={fullPath} />;
  const page = pageOf((await searchParams).page);
  const listing = await listTree(repo, { ref: at.commit, path: at.path, page, perPage: PER_PAGE });
  const names = listing.items.map((item) => item.name);
  // Not awaited: the listing shows at once, and these stream in.
  const commits = lastCommitsForTree(repo, at.commit, at.path, names).catch(() => new Map<string, Commit>());
  const readme = readmeIn(repo, at.commit, at.path, { maxBytes: README_MAX_BYTES }).catch(() => null);
  const lastCommit = lastCommitFor(repo, at.commit, at.path).catch(() => null);
  const refs = await refNames(repo, { limit: 20 });
  const totalPages = Math.ceil(listing.total / PER_PAGE);

  return (
    <section aria-label="Files">
      <div className="mb-4 flex flex-wrap items-center justify-between gap-3">
        <div className="flex min-w-0 flex-wrap items-center gap-3">
          <RefSwitcher fullPath={fullPath} refName={at.ref} target="tree" path={at.path} initial={refs} search={searchRefs} />
          <FileBreadcrumbs fullPath={fullPath} projectPath={project.path} refName={at.ref} path={at.path} />
        </div>
        <div className="flex items-center gap-2">
          <LinkButton variant="secondary" size="sm" href={commitsUrl(fullPath, at.ref, at.path || undefined)}>
            History
          </LinkButton>
          <ArchiveMenu fullPath={fullPath} refName={at.ref} />
        </div>
      </div>
      <Suspense fallback={<LastCommitPlaceholder />}>
        <LastCommitBox commit={lastCommit} fullPath={fullPath} />
      </Suspense>
      <TreeTable fullPath={fullPath} refName={at.ref} path={at.path} items={listing.items} commits={commits} />
      {listing.total === 0 ? <p className="mt-4 text-sm text-gray-600">This directory is empty.</p> : null}
      <Pagination page={page} totalPages={totalPages} hrefFor={(p) => `${treeUrl(fullPath, at.ref, at.path || undefined)}?page=${p}`} label="Files pagination" />
      <Suspense fallback={null}>
        <ReadmeBox readme={readme} fullPath={fullPath} refName={at.ref} />
      </Suspense>
    </section>
  );
}
