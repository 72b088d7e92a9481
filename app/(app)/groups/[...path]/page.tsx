import { GroupList } from "@/components/groups/group-list";
import { MembersTable } from "@/components/groups/members-table";
import { Pagination } from "@/components/ui/pagination";
import { findGroup, listGroups, listMembers } from "@/lib/groups";
import { listPlaceholderIdentities } from "@/lib/users";
import { groupRoute, pageOf, type GroupParams } from "../group-route";

const PER_PAGE = 20;

/** The overview: the group's subgroups, and its members with the groups they come from. */
export default async function OverviewPage({ params, searchParams }: { params: Promise<GroupParams>; searchParams: Promise<{ page?: string }> }) {
  const { user, group } = await groupRoute(params);
  const page = pageOf((await searchParams).page);
  const [subgroups, members] = await Promise.all([
    listGroups(user, { parentId: group.id, page, perPage: PER_PAGE }),
    listMembers(group, { inherited: true, page: 1, perPage: 100 }),
  ]);
  const [ancestors, placeholders] = await Promise.all([
    Promise.all(group.traversalIds.slice(0, -1).map((id) => findGroup(user, id))),
    listPlaceholderIdentities(members.rows.map((m) => m.userId)),
  ]);
  const pathOf = new Map(ancestors.filter((g) => g !== undefined).map((g) => [g.id, g.fullPath]));
  return (
    <>
      <section aria-labelledby="subgroups-heading" className="mb-10">
        <h2 id="subgroups-heading" className="mb-3 text-lg font-semibold">
          Subgroups <span className="text-sm font-normal text-gray-500">({subgroups.total})</span>
        </h2>
        <GroupList groups={subgroups.rows} empty="This group has no subgroups yet." />
        <Pagination page={page} totalPages={Math.ceil(subgroups.total / PER_PAGE)} hrefFor={(p) => `/groups/${group.fullPath}?page=${p}`} label="Subgroups pagination" />
      </section>
      <section aria-labelledby="members-heading">
        <h2 id="members-heading" className="mb-3 text-lg font-semibold">
          Members <span className="text-sm font-normal text-gray-500">({members.total})</span>
        </h2>
        <MembersTable
          members={members.rows.map((m) => ({ ...m, inheritedFrom: m.sourceGroupId === group.id ? undefined : (pathOf.get(m.sourceGroupId) ?? "a parent group"), placeholder: placeholders.get(m.userId) }))}
        />
      </section>
    </>
  );
}
