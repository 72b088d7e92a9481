import { MergeRequestsPage, type MergeRequestSearchParams } from "@/app/(app)/merge-requests-page";
import { mergeRequestsRoute } from "@/app/(app)/projects/merge-request-route";
import type { ProjectParams } from "@/app/(app)/projects/project-route";
import { projectPageUrl } from "@/components/projects/project-urls";
import { projectMergeRequestScope } from "@/lib/merge-requests";

/** `/-/merge_requests`: the project's merge requests, Open by default, with GitLab's filters. */
export default async function ProjectMergeRequestsPage({ params, searchParams }: { params: Promise<ProjectParams>; searchParams: Promise<MergeRequestSearchParams> }) {
  const { user, project } = await mergeRequestsRoute(params);
  return <MergeRequestsPage scope={projectMergeRequestScope(user, project)} base={projectPageUrl(project.fullPath, "merge_requests")} searchParams={await searchParams} projectId={project.id} />;
}
