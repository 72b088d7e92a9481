import { SearchForm } from "@/components/groups/search-form";

export type MilestoneFilter = "active" | "closed" | "all";

/** The milestone state a page's `?state=` asks for: GitLab's Open unless Closed or All. */
export const milestoneFilterOf = (state: string | undefined): MilestoneFilter => (state === "closed" || state === "all" ? state : "active");

/** GitLab's Open / Closed / All tabs of a milestones page, and its title filter. `href` is the page with a state. */
export function MilestoneFilters({ filter, href, action, search }: { filter: MilestoneFilter; href: (state: MilestoneFilter) => string; action: string; search?: string }) {
  const states: [MilestoneFilter, string][] = [
    ["active", "Open"],
    ["closed", "Closed"],
    ["all", "All"],
  ];
  return (
    <div className="mb-4 flex flex-wrap items-center justify-between gap-3">
      <nav aria-label="Milestone state" className="flex gap-1 text-sm">
        {states.map(([value, label]) => (
          <a key={value} href={href(value)} aria-current={filter === value ? "page" : undefined} className={`rounded-md px-3 py-1.5 ${filter === value ? "bg-gray-200 font-medium text-gray-900" : "text-gray-600 hover:bg-gray-100"}`}>
            {label}
          </a>
        ))}
      </nav>
      <SearchForm action={action} value={search} placeholder="Filter milestones" label="Filter milestones" />
    </div>
  );
}
