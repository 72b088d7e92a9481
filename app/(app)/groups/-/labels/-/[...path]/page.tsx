import { SearchForm } from "@/components/groups/search-form";
import { LabelsList } from "@/components/content/labels-list";
import { Pagination } from "@/components/ui/pagination";
import { groupRoute, type GroupParams } from "@/app/(app)/groups/group-route";
import { pageOf } from "@/app/(app)/route-params";
import { labelTextColor, listLabels } from "@/lib/content";

const PER_PAGE = 20;

/** The Labels tab (`/-/labels`): the group's labels, filtered by title. */
export default async function LabelsPage({ params, searchParams }: { params: Promise<GroupParams>; searchParams: Promise<{ page?: string; search?: string }> }) {
  const { group } = await groupRoute(params);
  const query = await searchParams;
  const page = pageOf(query.page);
  const search = query.search;
  const { rows, total } = await listLabels(group.id, { search, page, perPage: PER_PAGE });
  const base = `/groups/${group.fullPath}/-/labels`;
  return (
    <section aria-label="Labels">
      <div className="mb-4">
        <SearchForm action={base} value={search} placeholder="Filter labels" label="Filter labels" />
      </div>
      <LabelsList labels={rows.map((l) => ({ id: l.id, title: l.title, color: l.color, textColor: labelTextColor(l), description: l.description }))} empty={search ? `No labels match "${search}".` : "This group has no labels."} />
      <Pagination page={page} totalPages={Math.ceil(total / PER_PAGE)} hrefFor={(p) => `${base}?${new URLSearchParams({ ...(search ? { search } : {}), page: String(p) })}`} label="Labels pagination" />
    </section>
  );
}
