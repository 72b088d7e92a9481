import { notFound } from "next/navigation";
import { GroupList } from "@/components/groups/group-list";
import { MembersTable } from "@/components/groups/members-table";
import { Badge } from "@/components/ui/badge";
import { LinkButton } from "@/components/ui/button";
import { PageHeader } from "@/components/ui/page-header";
import { Pagination } from "@/components/ui/pagination";
import { canCreateSubgroup, findGroup, listGroups, listMembers } from "@/lib/groups";
import { requireUser } from "../../require-user";

const PER_PAGE = 20;

export async function generateMetadata({ params }: { params: Promise<{ path: string[] }> }) {
  const { path } = await params;
  return { title: path.map(decodeURIComponent).join("/") };
}

export default async function GroupPage({ params, searchParams }: { params: Promise<{ path: string[] }>; searchParams: Promise<{ page?: string }> }) {
  const user = await requireUser();
  const { path } = await params;
  const fullPath = path.map(decodeURIComponent).join("/");
  const group = await findGroup(user, fullPath);
  if (!group) notFound();
  const page = Math.max(1, Number((await searchParams).page) || 1);
  const [subgroups, members] = await Promise.all([
    listGroups(user, { parentId: group.id, page, perPage: PER_PAGE }),
    listMembers(group, { inherited: true, page: 1, perPage: 100 }),
  ]);
  const ancestors = group.traversalIds.length > 1 ? await Promise.all(group.traversalIds.slice(0, -1).map((id) => findGroup(user, id))) : [];
  const pathOf = new Map(ancestors.filter((g) => g !== undefined).map((g) => [g.id, g.fullPath]));
  return (
    <>
      <PageHeader
        title={
          <span className="flex items-center gap-3">
            {group.name} <Badge>{group.visibility}</Badge>
          </span>
        }
        description={
          <>
            <span className="font-mono text-xs">{group.fullPath}</span>
            {group.description ? <p className="mt-2">{group.description}</p> : null}
          </>
        }
        actions={canCreateSubgroup(user, group.accessLevel) ? <LinkButton href={`/groups/new?parent_id=${group.id}`}>New subgroup</LinkButton> : null}
      />
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
        <MembersTable members={members.rows.map((m) => ({ ...m, inheritedFrom: m.sourceGroupId === group.id ? undefined : pathOf.get(m.sourceGroupId) ?? "a parent group" }))} />
      </section>
    </>
  );
}
