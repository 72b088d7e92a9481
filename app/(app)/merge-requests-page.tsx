import { MergeRequestFilters, mergeRequestQuery, type MergeRequestQuery, type MergeRequestStateFilter } from "@/components/merge-requests/merge-request-filters";
import { MergeRequestList } from "@/components/merge-requests/merge-request-list";
import { mergeRequestUrl } from "@/components/projects/project-urls";
import { Pagination } from "@/components/ui/pagination";
import { labelItems, peopleResolver } from "@/app/(app)/content-items";
import { pageOf } from "@/app/(app)/route-params";
import { countMergeRequestsByState, listMergeRequests, type ListMergeRequestsOptions, type MergeRequestFilters as Filters, type MergeRequestScope } from "@/lib/merge-requests";

const PER_PAGE = 20;

/** What a list URL may carry: GitLab's names, each a single value. */
export type MergeRequestSearchParams = Partial<Record<keyof MergeRequestQuery | "page", string | string[]>>;

const one = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value)?.trim() || undefined;

const SORTS: Record<string, Pick<ListMergeRequestsOptions, "orderBy" | "sort">> = {
  created_date: { orderBy: "created_at", sort: "desc" },
  created_asc: { orderBy: "created_at", sort: "asc" },
  updated_desc: { orderBy: "updated_at", sort: "desc" },
  title_asc: { orderBy: "title", sort: "asc" },
  merged_at_desc: { orderBy: "merged_at", sort: "desc" },
};

/** The list's query from the URL, unknown values dropped (the default state is Open, as GitLab's). */
function queryOf(params: MergeRequestSearchParams): MergeRequestQuery {
  const state = one(params.state);
  const sort = one(params.sort);
  return {
    state: state === "merged" || state === "closed" || state === "all" ? state : "opened",
    search: one(params.search),
    label_name: one(params.label_name),
    milestone_title: one(params.milestone_title),
    author_username: one(params.author_username),
    assignee_username: one(params.assignee_username),
    reviewer_username: one(params.reviewer_username),
    target_branch: one(params.target_branch),
    sort: sort && sort in SORTS ? sort : undefined,
  };
}

const byName = (username: string | undefined) => (username === undefined ? undefined : /^(none|any)$/i.test(username) ? (username.toLowerCase() === "none" ? ("None" as const) : ("Any" as const)) : { username: username.replace(/^@/, "") });

function filtersOf(query: MergeRequestQuery): Filters {
  return {
    search: query.search,
    labels: query.label_name ? [query.label_name] : undefined,
    milestone: query.milestone_title,
    author: byName(query.author_username),
    assignee: byName(query.assignee_username),
    reviewer: byName(query.reviewer_username),
    targetBranch: query.target_branch,
  };
}

/**
 * A merge request list page, a project's or a group's: the state tabs with counts, the filters, a page of merge requests
 * and the pagination. `projectId` set: references are `!iid`; else `full/path!iid`.
 */
export async function MergeRequestsPage({ scope, base, searchParams, projectId }: { scope: MergeRequestScope; base: string; searchParams: MergeRequestSearchParams; projectId?: number }) {
  const query = queryOf(searchParams);
  const page = pageOf(one(searchParams.page));
  const filters = filtersOf(query);
  const state: MergeRequestStateFilter = query.state;
  const [{ rows, total }, counts] = await Promise.all([
    listMergeRequests(scope, { ...filters, ...SORTS[query.sort ?? "created_date"], state: state === "all" ? undefined : state, page, perPage: PER_PAGE }),
    countMergeRequestsByState(scope, filters),
  ]);
  const person = await peopleResolver(rows.flatMap((mr) => [mr.author, ...mr.assignees, ...mr.reviewers]));
  const filtered = Object.values(filters).some((value) => value !== undefined);
  const empty = filtered ? "No merge requests match these filters." : state === "opened" ? "There are no open merge requests." : state === "merged" ? "There are no merged merge requests." : state === "closed" ? "There are no closed merge requests." : "There are no merge requests yet.";
  return (
    <section aria-label="Merge requests">
      <MergeRequestFilters base={base} query={query} counts={counts} />
      <MergeRequestList
        showState={state === "all"}
        empty={empty}
        items={rows.map((mr) => ({
          id: mr.id,
          href: mergeRequestUrl(mr.project.fullPath, mr.iid),
          reference: mr.projectId === projectId ? `!${mr.iid}` : `${mr.project.fullPath}!${mr.iid}`,
          title: mr.title,
          state: mr.state,
          draft: mr.draft,
          author: person(mr.author),
          createdAt: mr.createdAt,
          updatedAt: mr.updatedAt,
          targetBranch: mr.targetBranch,
          labels: labelItems(mr.labels),
          milestone: mr.milestone?.title ?? null,
          assignees: mr.assignees.map((user) => person(user)!),
          reviewers: mr.reviewers.map((user) => person(user)!),
          notes: mr.userNotesCount,
          upvotes: mr.upvotes,
        }))}
      />
      <Pagination page={page} totalPages={Math.ceil(total / PER_PAGE)} hrefFor={(p) => `${base}?${mergeRequestQuery(query, { page: String(p) })}`} label="Merge requests pagination" />
    </section>
  );
}
