import { SearchForm } from "@/components/groups/search-form";
import { LabelsList } from "@/components/content/labels-list";
import { projectPageUrl } from "@/components/projects/project-urls";
import { Pagination } from "@/components/ui/pagination";
import { namespacePathOf } from "@/app/(app)/projects/plan-route";
import { projectRoute, type ProjectParams } from "@/app/(app)/projects/project-route";
import { pageOf } from "@/app/(app)/route-params";
import { labelTextColor, listLabels } from "@/lib/content";

const PER_PAGE = 20;

/**
 * Plan → Labels (`/-/labels`): the labels the project's issues can take, its own and its groups' (as GitLab's list
 * shows them, each group label marked with its group), filtered by title or description.
 */
export default async function LabelsPage({ params, searchParams }: { params: Promise<ProjectParams>; searchParams: Promise<{ page?: string; search?: string }> }) {
  const { project } = await projectRoute(params);
  const query = await searchParams;
  const page = pageOf(query.page);
  const search = query.search;
  const groups = [...project.namespace.traversalIds].reverse().map((groupId) => ({ groupId }));
  const { rows, total } = await listLabels([{ projectId: project.id }, ...groups], { search, page, perPage: PER_PAGE });
  const base = projectPageUrl(project.fullPath, "labels");
  return (
    <section aria-label="Labels" className="space-y-4">
      <h1 className="text-xl font-semibold text-gray-900">Labels</h1>
      <SearchForm action={base} value={search} placeholder="Filter labels" label="Filter labels" />
      <LabelsList
        labels={rows.map((l) => ({ id: l.id, title: l.title, color: l.color, textColor: labelTextColor(l), description: l.description, groupPath: l.groupId !== null ? namespacePathOf(project, l.groupId) : undefined }))}
        empty={search ? `No labels match "${search}".` : "This project has no labels. Labels sort issues and merge requests."}
      />
      <Pagination page={page} totalPages={Math.ceil(total / PER_PAGE)} hrefFor={(p) => `${base}?${new URLSearchParams({ ...(search ? { search } : {}), page: String(p) })}`} label="Labels pagination" />
    </section>
  );
}
