import { issueUrl } from "@/components/projects/project-urls";
import { groupIssueScopeOf, groupRoute, type GroupParams } from "@/app/(app)/groups/group-route";
import { IssuesSection, type IssueListQuery } from "@/app/(app)/issues-section";

/**
 * The group's Issues (`/groups/<g>/-/issues`): the issues of its projects and its subgroups' that the user may read,
 * each named by its project's path below the group (`sub/project#3`), as GitLab's group list does.
 */
export default async function GroupIssuesPage({ params, searchParams }: { params: Promise<GroupParams>; searchParams: Promise<IssueListQuery> }) {
  const { user, group } = await groupRoute(params);
  const scope = await groupIssueScopeOf(user, group);
  const prefix = `${group.fullPath}/`;
  return (
    <>
      <h1 className="mb-4 text-xl font-semibold text-gray-900">Issues</h1>
      <IssuesSection
        scope={scope}
        base={`/groups/${group.fullPath}/-/issues`}
        query={await searchParams}
        referenceOf={(issue) => `${issue.project.fullPath.startsWith(prefix) ? issue.project.fullPath.slice(prefix.length) : issue.project.fullPath}#${issue.iid}`}
        hrefOf={(issue) => issueUrl(issue.project.fullPath, issue.iid)}
      />
    </>
  );
}
