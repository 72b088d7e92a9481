import { SearchForm } from "@/components/groups/search-form";
import { IterationsList, type CadenceItem } from "@/components/groups/tabs/iterations-list";
import { Pagination } from "@/components/ui/pagination";
import { groupRoute, type GroupParams } from "@/app/(app)/groups/group-route";
import { pageOf } from "@/app/(app)/route-params";
import { listIterationCadences, listIterations, todayUtc } from "@/lib/groups";
import { iterationsPath } from "../../iterations";

const PER_PAGE = 20;
// GitLab's cadences page: Open (upcoming and current), Done, All.
const FILTERS = [
  { value: "opened", label: "Open", noun: "open" },
  { value: "closed", label: "Done", noun: "done" },
  { value: "all", label: "All", noun: "" },
] as const;

/** The Iterations tab (`/-/iterations`): the group's cadences, each with its iterations in the chosen state, 20 iterations a page. */
export default async function IterationsPage({ params, searchParams }: { params: Promise<GroupParams>; searchParams: Promise<{ page?: string; search?: string; state?: string }> }) {
  const { group } = await groupRoute(params);
  const { search, state, ...query } = await searchParams;
  const page = pageOf(query.page);
  const filter = FILTERS.find((f) => f.value === state) ?? FILTERS[0];
  const today = todayUtc();
  const [{ rows, total }, cadences] = await Promise.all([
    listIterations([group.id], { state: filter.value, search, searchIn: ["title", "cadence_title"], order: "cadence", page, perPage: PER_PAGE, today }),
    listIterationCadences(group.id, { state: filter.value, today }),
  ]);
  const totalPages = Math.max(1, Math.ceil(total / PER_PAGE));
  const base = iterationsPath(group);
  // The page's iterations under their cadences, in page order; cadences with none in this state close the last page.
  const byCadence = new Map(cadences.map((c) => [c.id, c]));
  const shown: CadenceItem[] = [];
  for (const row of rows) {
    const cadence = row.cadenceId === null ? undefined : byCadence.get(row.cadenceId);
    if (!cadence) continue;
    let item = shown.find((c) => c.id === cadence.id);
    if (!item) {
      item = { id: cadence.id, title: cadence.title, description: cadence.description, active: cadence.active, rollOver: cadence.rollOver, matching: cadence.iterationCount, iterations: [] };
      shown.push(item);
    }
    item.iterations.push({ id: row.id, href: `${base}/${row.id}`, title: row.title, description: row.description, state: row.state, startDate: row.startDate, dueDate: row.dueDate });
  }
  if (!search && page >= totalPages) {
    for (const c of cadences.filter((c) => c.iterationCount === 0 && !shown.some((s) => s.id === c.id))) {
      shown.push({ id: c.id, title: c.title, description: c.description, active: c.active, rollOver: c.rollOver, matching: 0, iterations: [] });
    }
  }
  const href = (value: string, p = 1) => `${base}?${new URLSearchParams({ state: value, ...(search ? { search } : {}), page: String(p) })}`;
  const empty = search ? `No iterations or cadences match "${search}".` : cadences.length === 0 ? "This group has no iteration cadences." : `No ${filter.noun} iterations.`;
  return (
    <section aria-label="Iterations">
      <div className="mb-4 flex flex-wrap items-center justify-between gap-3">
        <nav aria-label="Iteration state" className="flex gap-1 text-sm">
          {FILTERS.map((f) => (
            <a
              key={f.value}
              href={href(f.value)}
              aria-current={filter.value === f.value ? "page" : undefined}
              className={`rounded-md px-3 py-1.5 ${filter.value === f.value ? "bg-gray-200 font-medium text-gray-900" : "text-gray-600 hover:bg-gray-100"}`}
            >
              {f.label}
            </a>
          ))}
        </nav>
        <SearchForm action={base} value={search} placeholder="Filter by title or cadence" label="Filter iterations" />
      </div>
      <IterationsList cadences={shown} empty={empty} stateLabel={filter.noun} />
      <Pagination page={page} totalPages={totalPages} hrefFor={(p) => href(filter.value, p)} label="Iterations pagination" />
    </section>
  );
}
