import { issuesUrl, issueUrl } from "@/components/projects/project-urls";
import { IssuesSection, type IssueListQuery } from "@/app/(app)/issues-section";
import type { ProjectParams } from "@/app/(app)/projects/project-route";
import { issuesRoute } from "../../issue-route";

/** Plan → Issues (`/-/issues`): the project's issues by state, search, label, milestone, author and assignee, sorted as asked. */
export default async function IssuesPage({ params, searchParams }: { params: Promise<ProjectParams>; searchParams: Promise<IssueListQuery> }) {
  const { project, scope } = await issuesRoute(params);
  return (
    <>
      <h1 className="mb-4 text-xl font-semibold text-gray-900">Issues</h1>
      <IssuesSection scope={scope} base={issuesUrl(project.fullPath)} query={await searchParams} referenceOf={(issue) => `#${issue.iid}`} hrefOf={(issue) => issueUrl(project.fullPath, issue.iid)} />
    </>
  );
}
