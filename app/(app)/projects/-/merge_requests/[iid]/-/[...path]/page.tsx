import { MergeRequestOverview } from "@/app/(app)/projects/merge-request-overview";
import { mergeRequestRoute } from "@/app/(app)/projects/merge-request-route";
import type { ProjectParams } from "@/app/(app)/projects/project-route";

/** `/-/merge_requests/<iid>[?page=N]`: the Overview, its description, people, approvals and activity (a page of threads). */
export default async function MergeRequestPage({ params, searchParams }: { params: Promise<ProjectParams & { iid: string }>; searchParams: Promise<{ page?: string }> }) {
  const { user, project, mr } = await mergeRequestRoute(params);
  return <MergeRequestOverview user={user} project={project} mr={mr} page={(await searchParams).page} />;
}
