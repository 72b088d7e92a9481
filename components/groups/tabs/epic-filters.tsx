import Link from "next/link";

export type EpicStateFilter = "opened" | "closed" | "all";

const STATES: [EpicStateFilter, string][] = [
  ["opened", "Open"],
  ["closed", "Closed"],
  ["all", "All"],
];

/**
 * Open / Closed / All with their counts, and a search box that keeps the chosen state (a GET form: the filter lives in
 * the URL and survives reloads).
 */
export function EpicFilters({ base, state, search, label, counts }: { base: string; state: EpicStateFilter; search?: string; label?: string; counts: Record<EpicStateFilter, number> }) {
  const href = (s: EpicStateFilter, withLabel = label) => `${base}?${new URLSearchParams({ state: s, ...(search ? { search } : {}), ...(withLabel ? { label_name: withLabel } : {}) })}`;
  return (
    <div className="mb-4 flex flex-wrap items-center justify-between gap-3">
      <nav aria-label="Epic state" className="flex gap-1 text-sm">
        {STATES.map(([value, label]) => (
          <Link
            key={value}
            href={href(value)}
            aria-current={state === value ? "page" : undefined}
            className={`inline-flex items-center gap-1.5 rounded-md px-3 py-1.5 ${state === value ? "bg-gray-200 font-medium text-gray-900" : "text-gray-600 hover:bg-gray-100"}`}
          >
            {label}
            <span className="rounded-full bg-white/70 px-1.5 text-xs text-gray-600">{counts[value]}</span>
          </Link>
        ))}
      </nav>
      {label ? (
        <p className="flex items-center gap-2 text-sm text-gray-700">
          Label: <strong>{label}</strong>
          <Link href={href(state, "")} className="text-brand-700 hover:underline">
            Clear label
          </Link>
        </p>
      ) : null}
      <form action={base} role="search" className="flex gap-2">
        <input type="hidden" name="state" value={state} />
        {label ? <input type="hidden" name="label_name" value={label} /> : null}
        <label htmlFor="epic-search" className="sr-only">
          Search epics
        </label>
        <input
          id="epic-search"
          name="search"
          type="search"
          defaultValue={search}
          placeholder="Search epics"
          className="w-64 rounded-md border-0 px-3 py-1.5 text-sm shadow-xs ring-1 ring-inset ring-gray-300 focus:ring-2 focus:ring-brand-600 focus:outline-none"
        />
      </form>
    </div>
  );
}
