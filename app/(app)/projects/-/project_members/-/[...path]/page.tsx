import { MembersTable } from "@/components/content/members-table";
import { SearchForm } from "@/components/groups/search-form";
import { projectPageUrl } from "@/components/projects/project-urls";
import { Pagination } from "@/components/ui/pagination";
import { namespacePathOf } from "@/app/(app)/projects/plan-route";
import { projectRoute, type ProjectParams } from "@/app/(app)/projects/project-route";
import { pageOf } from "@/app/(app)/route-params";
import { listProjectMembers } from "@/lib/projects";
import { listPlaceholderIdentities } from "@/lib/users";

const PER_PAGE = 20;

/**
 * Manage → Members (`/-/project_members`, GitLab's address): the project's own members and those it inherits from its
 * groups, placeholders marked with whom they stand in for, as the group's Members tab shows them.
 */
export default async function ProjectMembersPage({ params, searchParams }: { params: Promise<ProjectParams>; searchParams: Promise<{ page?: string; search?: string }> }) {
  const { project } = await projectRoute(params);
  const query = await searchParams;
  const page = pageOf(query.page);
  const search = query.search;
  const { rows, total } = await listProjectMembers(project, { inherited: true, search, page, perPage: PER_PAGE });
  const placeholders = await listPlaceholderIdentities(rows.map((r) => r.userId));
  const base = projectPageUrl(project.fullPath, "project_members");
  return (
    <section aria-label="Members" className="space-y-4">
      <h1 className="text-xl font-semibold text-gray-900">Project members</h1>
      <SearchForm action={base} value={search} placeholder="Filter members" label="Filter members" />
      {rows.length === 0 ? (
        <p className="rounded-lg border border-dashed border-gray-300 bg-white px-6 py-10 text-center text-sm text-gray-600">{search ? `No members match "${search}".` : "This project has no members."}</p>
      ) : (
        <MembersTable
          members={rows.map((m) => ({
            ...m,
            inheritedFrom: m.direct ? undefined : m.sourceGroupId !== undefined ? namespacePathOf(project, m.sourceGroupId) : "a parent group",
            placeholder: placeholders.get(m.userId),
          }))}
        />
      )}
      <Pagination page={page} totalPages={Math.ceil(total / PER_PAGE)} hrefFor={(p) => `${base}?${new URLSearchParams({ ...(search ? { search } : {}), page: String(p) })}`} label="Members pagination" />
    </section>
  );
}
