import { IssuableFilters, type ActiveFilter, type FilterField, type StateFilter } from "@/components/content/issuable-filters";
import { IssuesList } from "@/components/issues/issues-list";
import { Pagination } from "@/components/ui/pagination";
import { countIssuesByState, issueFilterOptions, listIssues, type IssueOrder, type IssueRow, type IssueScope, type ListIssuesOptions } from "@/lib/issues";
import { labelItems, peopleResolver } from "./content-items";
import { pageOf } from "./route-params";

const PER_PAGE = 20;

/** The list's query, as GitLab's issue list URLs spell it (`label_name`, `milestone_title`, `assignee_username`...). */
export interface IssueListQuery {
  page?: string;
  state?: string;
  search?: string;
  sort?: string;
  label_name?: string;
  milestone_title?: string;
  assignee_username?: string;
  author_username?: string;
}

// GitLab's sort names of the issue list, and what each sorts by.
const SORTS: Record<string, { label: string; orderBy: IssueOrder; sort: "asc" | "desc" }> = {
  created_date: { label: "Created date", orderBy: "created_at", sort: "desc" },
  created_asc: { label: "Oldest created", orderBy: "created_at", sort: "asc" },
  updated_desc: { label: "Updated date", orderBy: "updated_at", sort: "desc" },
  updated_asc: { label: "Oldest updated", orderBy: "updated_at", sort: "asc" },
  due_date: { label: "Due soon", orderBy: "due_date", sort: "asc" },
  due_date_desc: { label: "Due later", orderBy: "due_date", sort: "desc" },
  title_asc: { label: "Title, A–Z", orderBy: "title", sort: "asc" },
  title_desc: { label: "Title, Z–A", orderBy: "title", sort: "desc" },
};

const FILTERS = [
  ["label_name", "Label"],
  ["milestone_title", "Milestone"],
  ["author_username", "Author"],
  ["assignee_username", "Assignee"],
] as const;

type FilterName = (typeof FILTERS)[number][0];

/**
 * The Issues list of a project or a group: Open / Closed / All with counts, search, filters by label, milestone,
 * author and assignee, GitLab's sorts, 20 a page. Every filter is in the URL (`base` plus the query).
 */
export async function IssuesSection({ scope, base, query, referenceOf, hrefOf }: { scope: IssueScope; base: string; query: IssueListQuery; referenceOf: (issue: IssueRow) => string; hrefOf: (issue: IssueRow) => string }) {
  const page = pageOf(query.page);
  const state: StateFilter = query.state === "closed" || query.state === "all" ? query.state : "opened";
  const search = query.search?.trim() || undefined;
  const sortKey = query.sort && query.sort in SORTS ? query.sort : "created_date";
  const chosen = Object.fromEntries(FILTERS.flatMap(([name]) => (query[name]?.trim() ? [[name, query[name]!.trim()]] : []))) as Partial<Record<FilterName, string>>;
  const options = await issueFilterOptions(scope);
  const userId = (list: typeof options.authors, username: string) => list.find((u) => u.username === username)?.id ?? 0;
  const filters: Omit<ListIssuesOptions, "page" | "perPage" | "state"> = {
    search,
    labels: chosen.label_name ? [chosen.label_name] : undefined,
    milestone: chosen.milestone_title,
    authorId: chosen.author_username ? userId(options.authors, chosen.author_username) : undefined,
    assigneeId: chosen.assignee_username ? (chosen.assignee_username === "None" ? "None" : userId(options.assignees, chosen.assignee_username)) : undefined,
  };
  const [{ rows, total }, counts] = await Promise.all([
    listIssues(scope, { ...filters, state: state === "all" ? undefined : state, orderBy: SORTS[sortKey]!.orderBy, sort: SORTS[sortKey]!.sort, page, perPage: PER_PAGE }),
    countIssuesByState(scope, filters),
  ]);
  const person = await peopleResolver(rows.flatMap((issue) => [issue.author, ...issue.assignees]));
  const kept = { ...chosen, ...(sortKey !== "created_date" ? { sort: sortKey } : {}) };
  const href = (extra: Record<string, string>, without?: string) => {
    const params: Record<string, string> = { state, ...(search ? { search } : {}), ...kept, ...extra };
    if (without) delete params[without];
    return `${base}?${new URLSearchParams(params)}`;
  };
  const fields: FilterField[] = [
    { name: "label_name", label: "Label", value: chosen.label_name ?? "", options: [{ value: "", label: "Any" }, { value: "None", label: "No label" }, ...options.labels.map((t) => ({ value: t, label: t }))] },
    { name: "milestone_title", label: "Milestone", value: chosen.milestone_title ?? "", options: [{ value: "", label: "Any" }, { value: "None", label: "No milestone" }, ...options.milestones.map((t) => ({ value: t, label: t }))] },
    { name: "author_username", label: "Author", value: chosen.author_username ?? "", options: [{ value: "", label: "Any" }, ...options.authors.map((u) => ({ value: u.username, label: `${u.name} (@${u.username})` }))] },
    { name: "assignee_username", label: "Assignee", value: chosen.assignee_username ?? "", options: [{ value: "", label: "Any" }, { value: "None", label: "Unassigned" }, ...options.assignees.map((u) => ({ value: u.username, label: `${u.name} (@${u.username})` }))] },
    { name: "sort", label: "Sort", value: sortKey, options: Object.entries(SORTS).map(([value, { label }]) => ({ value, label })) },
  ];
  const active: ActiveFilter[] = FILTERS.flatMap(([name, label]) => (chosen[name] ? [{ label, value: chosen[name]!, clearHref: href({}, name) }] : []));
  const empty = search || active.length ? "No issues match these filters." : state === "opened" ? "No open issues." : state === "closed" ? "No closed issues." : "There are no issues here.";
  return (
    <section aria-label="Issues">
      <IssuableFilters base={base} noun="issues" state={state} search={search} query={kept} counts={counts} active={active} fields={fields} />
      <IssuesList
        showState={state === "all"}
        empty={empty}
        labelHref={(title) => href({ label_name: title })}
        issues={rows.map((issue) => ({
          id: issue.id,
          href: hrefOf(issue),
          reference: referenceOf(issue),
          title: issue.title,
          state: issue.state,
          confidential: issue.confidential,
          labels: labelItems(issue.labels),
          author: person(issue.author),
          assignees: issue.assignees.map((a) => person(a)!),
          createdAt: issue.createdAt,
          closedAt: issue.closedAt,
          milestone: issue.milestone?.title ?? null,
          dueDate: issue.dueDate,
          weight: issue.weight,
          userNotesCount: issue.userNotesCount,
          awards: issue.awards,
        }))}
      />
      <Pagination page={page} totalPages={Math.ceil(total / PER_PAGE)} hrefFor={(p) => href({ page: String(p) })} label="Issues pagination" />
    </section>
  );
}
