import { MembersTable } from "@/components/content/members-table";
import { SearchForm } from "@/components/groups/search-form";
import { Pagination } from "@/components/ui/pagination";
import { groupRoute, type GroupParams } from "@/app/(app)/groups/group-route";
import { pageOf } from "@/app/(app)/route-params";
import { findGroup, listMembers } from "@/lib/groups";
import { listPlaceholderIdentities } from "@/lib/users";

const PER_PAGE = 20;

/** The Members tab (`/-/members`): direct and inherited members, placeholders marked with whom they stand in for. */
export default async function MembersPage({ params, searchParams }: { params: Promise<GroupParams>; searchParams: Promise<{ page?: string; search?: string }> }) {
  const { user, group } = await groupRoute(params);
  const query = await searchParams;
  const page = pageOf(query.page);
  const search = query.search;
  const { rows, total } = await listMembers(group, { inherited: true, search, page, perPage: PER_PAGE });
  const [placeholders, ancestors] = await Promise.all([
    listPlaceholderIdentities(rows.map((r) => r.userId)),
    Promise.all(group.traversalIds.slice(0, -1).map((id) => findGroup(user, id))),
  ]);
  const pathOf = new Map(ancestors.filter((g) => g !== undefined).map((g) => [g.id, g.fullPath]));
  const base = `/groups/${group.fullPath}/-/members`;
  return (
    <section aria-label="Members">
      <div className="mb-4">
        <SearchForm action={base} value={search} placeholder="Filter members" label="Filter members" />
      </div>
      {rows.length === 0 ? (
        <p className="rounded-lg border border-dashed border-gray-300 bg-white px-6 py-10 text-center text-sm text-gray-600">{search ? `No members match "${search}".` : "This group has no members."}</p>
      ) : (
        <MembersTable
          members={rows.map((m) => ({
            ...m,
            inheritedFrom: m.sourceGroupId === group.id ? undefined : (pathOf.get(m.sourceGroupId) ?? "a parent group"),
            placeholder: placeholders.get(m.userId),
          }))}
        />
      )}
      <Pagination page={page} totalPages={Math.ceil(total / PER_PAGE)} hrefFor={(p) => `${base}?${new URLSearchParams({ ...(search ? { search } : {}), page: String(p) })}`} label="Members pagination" />
    </section>
  );
}
