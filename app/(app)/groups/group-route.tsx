import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { cache, type ReactNode } from "react";
import { GroupHeader } from "@/components/groups/group-header";
import type { GroupTabKey } from "@/components/groups/group-tabs";
import { countGroupRelations, listLabels, listMilestones } from "@/lib/content";
import { canAdminGroup, canCreateSubgroup, countEpicsByState, findGroup, listMembers, type GroupWithAccess } from "@/lib/groups";
import { countIssuesByState, groupIssueScope } from "@/lib/issues";
import { canCreateProjectIn } from "@/lib/projects";
import { canManagePlaceholders, type PublicUser } from "@/lib/users";
import { requireUser } from "../require-user";
import { fullPathOf } from "../route-params";

/**
 * What the group pages share. Each page of a group is a route of its own (see the rewrites in next.config.js): its
 * layout finds the group (and the item a page is about), answering 404 before anything streams, and renders the
 * header and tabs; its loading.tsx shows below them while its page loads; its error.tsx replaces the page if it fails.
 */

/** The `[...path]` segment of every group route: the group's full path, last because a catch-all must be. */
export interface GroupParams {
  path: string[];
}

/** Once a request, though the layout, the page and the metadata of a route each ask. */
const lookUp = cache(async (fullPath: string) => {
  const user = await requireUser();
  return { user, group: await findGroup(user, fullPath) };
});

/** The signed-in user and the group of the route; 404 when there is none at that path or the user cannot see it. */
export async function groupRoute(params: Promise<GroupParams>): Promise<{ user: PublicUser; group: GroupWithAccess }> {
  const fullPath = fullPathOf((await params).path);
  if (fullPath === undefined) notFound();
  const { user, group } = await lookUp(fullPath);
  if (!group) notFound();
  return { user, group };
}

/** The issues of the group's projects and its subgroups' the user may read: once a request, for the tab's count and the page. */
export const groupIssueScopeOf = cache(groupIssueScope);

/** A route's `generateMetadata`: "Labels · a/b", or the full path alone for the overview. From the URL: no query. */
export function groupMetadata(section?: string) {
  return async ({ params }: { params: Promise<GroupParams> }): Promise<Metadata> => {
    const fullPath = fullPathOf((await params).path) ?? "";
    return { title: section ? `${section} · ${fullPath}` : fullPath };
  };
}

/** The group's header and tabs, with their counts, above the page: every group route's layout renders its page in it. */
export async function GroupShell({ user, group, current, children }: { user: PublicUser; group: GroupWithAccess; current: GroupTabKey; children: ReactNode }) {
  const [labelCount, milestoneCount, memberCount, counts, epicCounts, issueCounts] = await Promise.all([
    listLabels(group.id, { page: 1, perPage: 1 }),
    listMilestones(group.id, { page: 1, perPage: 1 }),
    listMembers(group, { inherited: true, page: 1, perPage: 1 }),
    countGroupRelations(group.id),
    // The Epics tab lists subgroups' epics too, and hides confidential ones from guests: its count must agree.
    countEpicsByState(user, group, {}),
    // GitLab's group Issues count: the open issues of its projects and its subgroups' the user may read.
    groupIssueScopeOf(user, group).then((scope) => countIssuesByState(scope, {})),
  ]);
  return (
    <>
      <GroupHeader
        group={group}
        current={current}
        canCreateSubgroup={canCreateSubgroup(user, group.accessLevel)}
        canCreateProject={canCreateProjectIn(user, group)}
        tabs={[
          { key: "overview", label: "Overview" },
          { key: "labels", label: "Labels", count: labelCount.total },
          { key: "milestones", label: "Milestones", count: milestoneCount.total },
          { key: "epics", label: "Epics", count: epicCounts.all },
          { key: "issues", label: "Issues", count: issueCounts.opened },
          // Without a count: it would list every project of the group and its subgroups on every group page.
          { key: "merge_requests", label: "Merge requests" },
          { key: "boards", label: "Boards", count: counts.boards + counts.epicBoards },
          { key: "iterations", label: "Iterations", count: counts.iterations },
          { key: "badges", label: "Badges", count: counts.badges },
          { key: "members", label: "Members", count: memberCount.total },
          ...(canManagePlaceholders(user, group) ? [{ key: "placeholders" as const, label: "Placeholders" }] : []),
          // Settings (GitLab's `/-/edit`) are the owners'.
          ...(canAdminGroup(user, group) ? [{ key: "edit" as const, label: "Settings" }] : []),
        ]}
      />
      {children}
    </>
  );
}
