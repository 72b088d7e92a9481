import { MilestoneFilters, milestoneFilterOf } from "@/components/content/milestone-filters";
import { MilestonesList } from "@/components/content/milestones-list";
import { milestoneUrl, projectPageUrl } from "@/components/projects/project-urls";
import { Pagination } from "@/components/ui/pagination";
import { milestonesRoute } from "@/app/(app)/projects/plan-route";
import type { ProjectParams } from "@/app/(app)/projects/project-route";
import { pageOf } from "@/app/(app)/route-params";
import { listMilestones } from "@/lib/content";

const PER_PAGE = 20;

/** Plan → Milestones (`/-/milestones`): the project's open, closed or all milestones, filtered by title, each linking to its page. */
export default async function MilestonesPage({ params, searchParams }: { params: Promise<ProjectParams>; searchParams: Promise<{ page?: string; search?: string; state?: string }> }) {
  const { project } = await milestonesRoute(params);
  const { search, state, ...query } = await searchParams;
  const page = pageOf(query.page);
  const filter = milestoneFilterOf(state);
  const { rows, total } = await listMilestones({ projectId: project.id }, { search, state: filter === "all" ? undefined : filter, page, perPage: PER_PAGE });
  const base = projectPageUrl(project.fullPath, "milestones");
  const href = (s: string, p = 1) => `${base}?${new URLSearchParams({ state: s, ...(search ? { search } : {}), page: String(p) })}`;
  return (
    <section aria-label="Milestones">
      <h1 className="mb-4 text-xl font-semibold text-gray-900">Milestones</h1>
      <MilestoneFilters filter={filter} href={(s) => href(s)} action={base} search={search} />
      <MilestonesList
        milestones={rows.map((m) => ({ ...m, href: milestoneUrl(project.fullPath, m.iid) }))}
        empty={search ? `No milestones match "${search}".` : filter === "active" ? "No open milestones." : "No milestones."}
      />
      <Pagination page={page} totalPages={Math.ceil(total / PER_PAGE)} hrefFor={(p) => href(filter, p)} label="Milestones pagination" />
    </section>
  );
}
