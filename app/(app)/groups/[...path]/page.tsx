import Link from "next/link";
import { GroupList } from "@/components/groups/group-list";
import { MembersTable } from "@/components/content/members-table";
import { ProjectList } from "@/components/projects/project-list";
import { Pagination } from "@/components/ui/pagination";
import { findGroup, listGroups, listMembers } from "@/lib/groups";
import { canCreateProjectIn, listProjects } from "@/lib/projects";
import { listPlaceholderIdentities } from "@/lib/users";
import { groupRoute, type GroupParams } from "../group-route";
import { pageOf } from "@/app/(app)/route-params";

const PER_PAGE = 20;

/** The overview: the group's subgroups, its projects, and its members with the groups they come from. */
export default async function OverviewPage({ params, searchParams }: { params: Promise<GroupParams>; searchParams: Promise<{ page?: string; projects_page?: string }> }) {
  const { user, group } = await groupRoute(params);
  const query = await searchParams;
  const page = pageOf(query.page);
  const projectsPage = pageOf(query.projects_page);
  // Each list pages on its own parameter, and its links keep the other's.
  const hrefFor = (pages: { page: number; projects_page: number }) => {
    const search = new URLSearchParams();
    if (pages.page > 1) search.set("page", String(pages.page));
    if (pages.projects_page > 1) search.set("projects_page", String(pages.projects_page));
    return `/groups/${group.fullPath}${search.size ? `?${search}` : ""}`;
  };
  const [subgroups, projects, members] = await Promise.all([
    listGroups(user, { parentId: group.id, page, perPage: PER_PAGE }),
    // GitLab's group overview: the most recently active first.
    listProjects(user, { namespaceId: group.id, orderBy: "last_activity_at", page: projectsPage, perPage: PER_PAGE }),
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
        <Pagination page={page} totalPages={Math.ceil(subgroups.total / PER_PAGE)} hrefFor={(p) => hrefFor({ page: p, projects_page: projectsPage })} label="Subgroups pagination" />
      </section>
      <section aria-labelledby="projects-heading" className="mb-10">
        <h2 id="projects-heading" className="mb-3 text-lg font-semibold">
          Projects <span className="text-sm font-normal text-gray-500">({projects.total})</span>
        </h2>
        <ProjectList
          projects={projects.rows}
          empty={
            canCreateProjectIn(user, group) ? (
              <>
                This group has no projects yet. <Link href={`/projects/new?namespace_id=${group.id}`}>Create a project</Link>
              </>
            ) : (
              "This group has no projects yet."
            )
          }
        />
        <Pagination page={projectsPage} totalPages={Math.ceil(projects.total / PER_PAGE)} hrefFor={(p) => hrefFor({ page, projects_page: p })} label="Projects pagination" />
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
