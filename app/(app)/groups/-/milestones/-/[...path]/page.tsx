import { MilestoneFilters, milestoneFilterOf } from "@/components/content/milestone-filters";
import { MilestonesList } from "@/components/content/milestones-list";
import { Pagination } from "@/components/ui/pagination";
import { groupRoute, type GroupParams } from "@/app/(app)/groups/group-route";
import { pageOf } from "@/app/(app)/route-params";
import { listMilestones } from "@/lib/content";

const PER_PAGE = 20;

/** The Milestones tab (`/-/milestones`): open, closed or all milestones, filtered by title. */
export default async function MilestonesPage({ params, searchParams }: { params: Promise<GroupParams>; searchParams: Promise<{ page?: string; search?: string; state?: string }> }) {
  const { group } = await groupRoute(params);
  const { search, state, ...query } = await searchParams;
  const page = pageOf(query.page);
  const filter = milestoneFilterOf(state);
  const { rows, total } = await listMilestones(group.id, { search, state: filter === "all" ? undefined : filter, page, perPage: PER_PAGE });
  const base = `/groups/${group.fullPath}/-/milestones`;
  const href = (s: string, p = 1) => `${base}?${new URLSearchParams({ state: s, ...(search ? { search } : {}), page: String(p) })}`;
  return (
    <section aria-label="Milestones">
      <MilestoneFilters filter={filter} href={(s) => href(s)} action={base} search={search} />
      <MilestonesList milestones={rows} empty={search ? `No milestones match "${search}".` : filter === "active" ? "No open milestones." : "No milestones."} />
      <Pagination page={page} totalPages={Math.ceil(total / PER_PAGE)} hrefFor={(p) => href(filter, p)} label="Milestones pagination" />
    </section>
  );
}
