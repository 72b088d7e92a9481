import { IssuableStateTabs } from "./issuable-state-tabs";

export type StateFilter = "opened" | "closed" | "all";

const STATES: [StateFilter, string][] = [
  ["opened", "Open"],
  ["closed", "Closed"],
  ["all", "All"],
];

/** A filter shown as a chip above the list, with the link that drops it. */
export interface ActiveFilter {
  label: string;
  value: string;
  clearHref: string;
}

/** A choice of the filter form (a select): its query parameter, label, options and current value. */
export interface FilterField {
  name: string;
  label: string;
  value: string;
  options: { value: string; label: string }[];
}

const fieldClass = "rounded-md border-0 px-2 py-1.5 text-sm shadow-xs ring-1 ring-inset ring-gray-300 focus:ring-2 focus:ring-brand-600 focus:outline-none";

/**
 * Open / Closed / All with their counts, the filters in use as chips, and a search box (with the list's other choices,
 * `fields`, beside it): a GET form, so every filter lives in the URL and survives reloads. `query` is what the URL
 * holds besides state, search and page: the state tabs and the search keep it.
 */
export function IssuableFilters({
  base,
  noun,
  state,
  search,
  query = {},
  counts,
  active = [],
  fields = [],
}: {
  base: string;
  /** What is listed, plural and lower case: "epics", "issues". */
  noun: string;
  state: StateFilter;
  search?: string;
  query?: Record<string, string>;
  counts: Record<StateFilter, number>;
  active?: ActiveFilter[];
  fields?: FilterField[];
}) {
  const href = (s: StateFilter) => `${base}?${new URLSearchParams({ state: s, ...(search ? { search } : {}), ...query })}`;
  const kept = Object.entries(query).filter(([name]) => !fields.some((field) => field.name === name));
  const title = noun.charAt(0).toUpperCase() + noun.slice(1);
  return (
    <div className="mb-4 space-y-3">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <IssuableStateTabs label={`${title} state`} states={STATES} current={state} counts={counts} hrefFor={href} />
        <form action={base} role="search" className="flex flex-wrap items-center gap-2">
          <input type="hidden" name="state" value={state} />
          {kept.map(([name, value]) => (
            <input key={name} type="hidden" name={name} value={value} />
          ))}
          {fields.map((field) => (
            <label key={field.name} className="flex items-center gap-1 text-xs text-gray-600">
              <span>{field.label}</span>
              <select name={field.name} defaultValue={field.value} className={fieldClass}>
                {field.options.map((option) => (
                  <option key={option.value} value={option.value}>
                    {option.label}
                  </option>
                ))}
              </select>
            </label>
          ))}
          <label htmlFor={`${noun}-search`} className="sr-only">
            Search {noun}
          </label>
          <input id={`${noun}-search`} name="search" type="search" defaultValue={search} placeholder={`Search ${noun}`} className={`w-56 ${fieldClass}`} />
          {fields.length ? (
            <button type="submit" className="rounded-md bg-brand-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-brand-700">
              Apply
            </button>
          ) : null}
        </form>
      </div>
      {active.length ? (
        <ul aria-label="Filters in use" className="flex flex-wrap gap-2 text-sm text-gray-700">
          {active.map((filter) => (
            <li key={filter.label} className="inline-flex items-center gap-1.5 rounded-md bg-gray-100 px-2 py-1">
              {filter.label}: <strong>{filter.value}</strong>
              <a href={filter.clearHref} className="text-brand-700 hover:underline" aria-label={`Clear ${filter.label.toLowerCase()}`}>
                ×
              </a>
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
