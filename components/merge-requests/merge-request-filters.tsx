import { IssuableStateTabs } from "@/components/content/issuable-state-tabs";

export type MergeRequestStateFilter = "opened" | "merged" | "closed" | "all";

/** The filters a list keeps in its URL, GitLab's names (`label_name`, `author_username`...). */
export interface MergeRequestQuery {
  state: MergeRequestStateFilter;
  search?: string;
  label_name?: string;
  milestone_title?: string;
  author_username?: string;
  assignee_username?: string;
  reviewer_username?: string;
  target_branch?: string;
  sort?: string;
}

export const MERGE_REQUEST_SORTS: [string, string][] = [
  ["created_date", "Created date"],
  ["updated_desc", "Updated date"],
  ["title_asc", "Title"],
  ["merged_at_desc", "Merged date"],
];

const STATES: [MergeRequestStateFilter, string][] = [
  ["opened", "Open"],
  ["merged", "Merged"],
  ["closed", "Closed"],
  ["all", "All"],
];

const TEXT_FILTERS: [keyof MergeRequestQuery, string, string][] = [
  ["label_name", "Label", "bug"],
  ["milestone_title", "Milestone", "v1.0"],
  ["author_username", "Author", "username"],
  ["assignee_username", "Assignee", "username"],
  ["reviewer_username", "Reviewer", "username"],
  ["target_branch", "Target branch", "main"],
];

/** The query string of a list URL: the filters that are set, and `extra` over them. */
export function mergeRequestQuery(query: MergeRequestQuery, extra: Record<string, string> = {}): string {
  const entries = Object.entries({ ...query, ...extra }).filter((entry): entry is [string, string] => typeof entry[1] === "string" && entry[1] !== "");
  return new URLSearchParams(entries).toString();
}

const INPUT = "w-full rounded-md border-0 px-2.5 py-1.5 text-sm shadow-xs ring-1 ring-inset ring-gray-300 focus:ring-2 focus:ring-brand-600 focus:outline-none";

/**
 * GitLab's merge request list bar: Open / Merged / Closed / All with their counts, then a GET form (the filters live in
 * the URL and survive reloads) with the search, each filter by name, and the sort.
 */
export function MergeRequestFilters({ base, query, counts }: { base: string; query: MergeRequestQuery; counts: Record<MergeRequestStateFilter, number> }) {
  const filtered = TEXT_FILTERS.some(([name]) => query[name]) || Boolean(query.search);
  return (
    <div className="mb-4 space-y-3">
      <IssuableStateTabs label="Merge request state" states={STATES} current={query.state} counts={counts} hrefFor={(state) => `${base}?${mergeRequestQuery({ ...query, state })}`} />
      <form action={base} role="search" aria-label="Filter merge requests" className="rounded-lg border border-gray-200 bg-white p-3">
        <input type="hidden" name="state" value={query.state} />
        <div className="grid gap-3 sm:grid-cols-2 lg:grid-cols-4">
          <div className="sm:col-span-2">
            <label htmlFor="mr-search" className="mb-1 block text-xs font-medium text-gray-700">
              Search
            </label>
            <input id="mr-search" name="search" type="search" defaultValue={query.search} placeholder="Search or filter results…" className={INPUT} />
          </div>
          {TEXT_FILTERS.map(([name, label, placeholder]) => (
            <div key={name}>
              <label htmlFor={`mr-${name}`} className="mb-1 block text-xs font-medium text-gray-700">
                {label}
              </label>
              <input id={`mr-${name}`} name={name} defaultValue={query[name]} placeholder={placeholder} className={INPUT} />
            </div>
          ))}
          <div>
            <label htmlFor="mr-sort" className="mb-1 block text-xs font-medium text-gray-700">
              Sort by
            </label>
            <select id="mr-sort" name="sort" defaultValue={query.sort ?? "created_date"} className={INPUT}>
              {MERGE_REQUEST_SORTS.map(([value, label]) => (
                <option key={value} value={value}>
                  {label}
                </option>
              ))}
            </select>
          </div>
        </div>
        <div className="mt-3 flex items-center gap-3">
          <button type="submit" className="rounded-md bg-brand-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-brand-700">
            Apply filters
          </button>
          {filtered ? (
            // A plain link, as the state tabs: a new server render, so the form comes back empty.
            <a href={`${base}?${mergeRequestQuery({ state: query.state })}`} className="text-sm">
              Clear filters
            </a>
          ) : null}
        </div>
      </form>
    </div>
  );
}
