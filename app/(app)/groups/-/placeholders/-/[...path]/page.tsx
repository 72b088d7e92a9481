import { PlaceholdersTable } from "@/components/groups/placeholders-table";
import { ReassignCsvForm } from "@/components/groups/reassign-csv-form";
import { SearchForm } from "@/components/groups/search-form";
import { Pagination } from "@/components/ui/pagination";
import { groupRoute, type GroupParams } from "@/app/(app)/groups/group-route";
import { pageOf } from "@/app/(app)/route-params";
import { listPlaceholders, USER_REFERENCES } from "@/lib/users";
import { reassignCsvAction, reassignPlaceholderAction, searchUsersAction } from "../../actions";

const PER_PAGE = 20;
const FILTERS = [
  ["placeholder", "Awaiting reassignment"],
  ["reassigned", "Reassigned"],
  ["mapped", "Mapped by email"],
  ["all", "All"],
] as const;

/** The Placeholders tab (`/-/placeholders`), for owners of a top-level group: the source users of its imports, reassigning placeholders one by one or by CSV. */
export default async function PlaceholdersPage({ params, searchParams }: { params: Promise<GroupParams>; searchParams: Promise<{ page?: string; search?: string; status?: string }> }) {
  const { user, group } = await groupRoute(params);
  const { search, status, ...query } = await searchParams;
  const page = pageOf(query.page);
  const filter = FILTERS.some(([key]) => key === status) ? (status as (typeof FILTERS)[number][0]) : "placeholder";
  const { rows, total } = await listPlaceholders(user, group.id, { search, status: filter === "all" ? undefined : filter, page, perPage: PER_PAGE });
  const base = `/groups/${group.fullPath}/-/placeholders`;
  const href = (s: string, p = 1) => `${base}?${new URLSearchParams({ status: s, ...(search ? { search } : {}), page: String(p) })}`;
  const labels = Object.fromEntries(USER_REFERENCES.map((r) => [r.key, r.label]));
  return (
    <section aria-label="Placeholders" className="space-y-8">
      <div>
        <p className="mb-4 text-sm text-gray-600">
          Source users without a matching account here are placeholder users of this group. Reassign one to a real account and everything it contributed moves to that account; its memberships become real ones.
        </p>
        <div className="mb-4 flex flex-wrap items-center justify-between gap-3">
          <nav aria-label="Placeholder status" className="flex gap-1 text-sm">
            {FILTERS.map(([value, label]) => (
              <a key={value} href={href(value)} aria-current={filter === value ? "page" : undefined} className={`rounded-md px-3 py-1.5 ${filter === value ? "bg-gray-200 font-medium text-gray-900" : "text-gray-600 hover:bg-gray-100"}`}>
                {label}
              </a>
            ))}
          </nav>
          <SearchForm action={base} value={search} placeholder="Filter by source user" label="Filter placeholder users" />
        </div>
        <PlaceholdersTable
          rows={rows}
          labels={labels}
          empty={search ? `No source users match "${search}".` : filter === "placeholder" ? "No placeholder users are awaiting reassignment." : "No source users."}
          reassign={reassignPlaceholderAction}
          search={searchUsersAction}
        />
        <Pagination page={page} totalPages={Math.ceil(total / PER_PAGE)} hrefFor={(p) => href(filter, p)} label="Placeholders pagination" />
      </div>
      <div>
        <h2 className="mb-3 text-lg font-semibold">Reassign with a CSV file</h2>
        <ReassignCsvForm groupId={group.id} action={reassignCsvAction} />
      </div>
    </section>
  );
}
