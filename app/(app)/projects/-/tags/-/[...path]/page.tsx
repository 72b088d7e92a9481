import { SearchForm } from "@/components/groups/search-form";
import { projectPageUrl } from "@/components/projects/project-urls";
import { TagList } from "@/components/projects/repository/tag-list";
import { Pagination } from "@/components/ui/pagination";
import type { ProjectParams } from "@/app/(app)/projects/project-route";
import { repositoryRoute } from "@/app/(app)/projects/repository-route";
import { pageOf } from "@/app/(app)/route-params";
import { listTags } from "@/lib/repositories";

const PER_PAGE = 20;

/** Tags (`/-/tags`): newest first, each with its message, commit and downloads; filtered by name. */
export default async function TagsPage({ params, searchParams }: { params: Promise<ProjectParams>; searchParams: Promise<{ page?: string; search?: string }> }) {
  const { project, repo } = await repositoryRoute(params);
  const fullPath = project.fullPath;
  const query = await searchParams;
  const page = pageOf(query.page);
  const search = query.search?.slice(0, 255) || undefined;
  const { tags, total } = await listTags(repo, { search, page, perPage: PER_PAGE });
  const base = projectPageUrl(fullPath, "tags");
  return (
    <section aria-label="Tags">
      <div className="mb-4">
        <SearchForm action={base} value={search} placeholder="Filter by tag name" label="Filter tags" />
      </div>
      {tags.length === 0 ? (
        <p className="rounded-lg border border-dashed border-gray-300 bg-white px-6 py-10 text-center text-sm text-gray-600">{search ? `No tags match "${search}".` : "This repository has no tags yet. Tags mark points of its history, such as releases."}</p>
      ) : (
        <TagList tags={tags} fullPath={fullPath} />
      )}
      <Pagination page={page} totalPages={Math.ceil(total / PER_PAGE)} hrefFor={(p) => `${base}?${new URLSearchParams({ ...(search ? { search } : {}), page: String(p) })}`} label="Tags pagination" />
    </section>
  );
}
