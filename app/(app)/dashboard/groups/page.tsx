import { GroupList } from "@/components/groups/group-list";
import { SearchForm } from "@/components/groups/search-form";
import { LinkButton } from "@/components/ui/button";
import { PageHeader } from "@/components/ui/page-header";
import { Pagination } from "@/components/ui/pagination";
import { listGroups } from "@/lib/groups";
import { requireUser } from "../../require-user";

export const metadata = { title: "Groups" };
const PER_PAGE = 20;

export default async function DashboardGroups({ searchParams }: { searchParams: Promise<{ search?: string; page?: string }> }) {
  const user = await requireUser();
  const { search = "", page: rawPage } = await searchParams;
  const page = Math.max(1, Number(rawPage) || 1);
  const { rows, total } = await listGroups(user, { search: search || undefined, minAccessLevel: 10, page, perPage: PER_PAGE });
  const query = (p: number) => `/dashboard/groups?${new URLSearchParams({ ...(search ? { search } : {}), page: String(p) })}`;
  return (
    <>
      <PageHeader
        title="Groups"
        description="Groups you are a member of."
        actions={
          <>
            <LinkButton href="/import/groups" variant="secondary">
              Import group
            </LinkButton>
            <LinkButton href="/groups/new">New group</LinkButton>
          </>
        }
      />
      <div className="mb-4">
        <SearchForm action="/dashboard/groups" value={search} placeholder="Filter by name" label="Filter groups by name" />
      </div>
      <GroupList
        groups={rows}
        empty={search ? `No groups match "${search}".` : "You are not a member of any group yet. Create one, or import groups from another GitLab instance."}
      />
      <Pagination page={page} totalPages={Math.ceil(total / PER_PAGE)} hrefFor={query} />
    </>
  );
}
