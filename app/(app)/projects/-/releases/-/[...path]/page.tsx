import { projectPageUrl } from "@/components/projects/project-urls";
import { ReleaseCard } from "@/components/projects/releases/release-card";
import { Pagination } from "@/components/ui/pagination";
import type { ProjectParams } from "@/app/(app)/projects/project-route";
import { repositoryRoute } from "@/app/(app)/projects/repository-route";
import { pageOf } from "@/app/(app)/route-params";
import { listReleases } from "@/lib/projects";
import { releaseCards } from "../../release-data";

const PER_PAGE = 10;

/** Deploy → Releases (`/-/releases`): the project's releases, newest released first, each with its assets and notes. */
export default async function ReleasesPage({ params, searchParams }: { params: Promise<ProjectParams>; searchParams: Promise<{ page?: string }> }) {
  const { project, repo } = await repositoryRoute(params);
  const page = pageOf((await searchParams).page);
  const { releases, total } = await listReleases(project.id, { page, perPage: PER_PAGE });
  const cards = await releaseCards(repo, releases);
  const base = projectPageUrl(project.fullPath, "releases");
  return (
    <section aria-label="Releases" className="space-y-4">
      <h1 className="text-xl font-semibold text-gray-900">Releases</h1>
      {cards.length === 0 ? (
        <p className="rounded-lg border border-dashed border-gray-300 bg-white px-6 py-10 text-center text-sm text-gray-600">
          {total === 0 ? "This project has no releases. A release marks a tag with notes and assets." : "No releases on this page."}
        </p>
      ) : (
        cards.map((release) => <ReleaseCard key={release.tagName} fullPath={project.fullPath} release={release} />)
      )}
      <Pagination page={page} totalPages={Math.ceil(total / PER_PAGE)} hrefFor={(p) => `${base}?page=${p}`} label="Releases pagination" />
    </section>
  );
}
