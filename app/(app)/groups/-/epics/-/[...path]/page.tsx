import { IssuableFilters, type StateFilter } from "@/components/content/issuable-filters";
import { EpicsList } from "@/components/groups/tabs/epics-list";
import { Pagination } from "@/components/ui/pagination";
import { groupRoute, type GroupParams } from "@/app/(app)/groups/group-route";
import { pageOf } from "@/app/(app)/route-params";
import { countEpicsByState, listEpics } from "@/lib/groups";
import { labelItems, peopleResolver } from "@/app/(app)/content-items";
import { epicPath, referenceFrom } from "../../epic-items";

const PER_PAGE = 20;

interface Query {
  page?: string;
  search?: string;
  state?: string;
  /** One label title: only epics with it (GitLab's `label_name[]`). */
  label_name?: string;
}

/** The Epics tab (`/-/epics`): the group's and its subgroups' epics, by state, search and label. */
export default async function EpicsPage({ params, searchParams }: { params: Promise<GroupParams>; searchParams: Promise<Query> }) {
  const { user, group } = await groupRoute(params);
  const { search, state, label_name: label, ...query } = await searchParams;
  const page = pageOf(query.page);
  const filter: StateFilter = state === "closed" || state === "all" ? state : "opened";
  const labelTitle = label?.trim() || undefined;
  const filters = { search: search?.trim() || undefined, labels: labelTitle ? [labelTitle] : undefined };
  const [{ rows, total }, counts] = await Promise.all([
    listEpics(user, group, { ...filters, state: filter === "all" ? undefined : filter, page, perPage: PER_PAGE }),
    countEpicsByState(user, group, filters),
  ]);
  const person = await peopleResolver(rows.map((r) => r.author));
  const base = `/groups/${group.fullPath}/-/epics`;
  const href = (extra: Record<string, string>) => `${base}?${new URLSearchParams({ state: filter, ...(filters.search ? { search: filters.search } : {}), ...(labelTitle ? { label_name: labelTitle } : {}), ...extra })}`;
  const empty = filters.search || labelTitle ? "No epics match these filters." : filter === "opened" ? "No open epics." : filter === "closed" ? "No closed epics." : "This group has no epics.";
  return (
    <section aria-label="Epics">
      <IssuableFilters
        base={base}
        noun="epics"
        state={filter}
        search={filters.search}
        query={labelTitle ? { label_name: labelTitle } : {}}
        counts={counts}
        active={labelTitle ? [{ label: "Label", value: labelTitle, clearHref: `${base}?${new URLSearchParams({ state: filter, ...(filters.search ? { search: filters.search } : {}) })}` }] : []}
      />
      <EpicsList
        showState={filter === "all"}
        labelHref={(title) => href({ label_name: title })}
        empty={empty}
        epics={rows.map((epic) => ({
          id: epic.id,
          href: epicPath(epic),
          reference: referenceFrom(group, epic),
          title: epic.title,
          state: epic.state,
          confidential: epic.confidential,
          labels: labelItems(epic.labels),
          author: person(epic.author),
          createdAt: epic.createdAt,
          closedAt: epic.closedAt,
          startDate: epic.startDateIsFixed ? (epic.startDateFixed ?? epic.startDate) : epic.startDate,
          dueDate: epic.dueDateIsFixed ? (epic.dueDateFixed ?? epic.dueDate) : epic.dueDate,
          childCount: epic.childCount,
          awards: epic.awards,
        }))}
      />
      <Pagination page={page} totalPages={Math.ceil(total / PER_PAGE)} hrefFor={(p) => href({ page: String(p) })} label="Epics pagination" />
    </section>
  );
}
