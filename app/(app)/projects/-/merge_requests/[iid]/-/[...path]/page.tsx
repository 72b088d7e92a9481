import { MergeRequestOverview } from "@/app/(app)/projects/merge-request-overview";
import { mergeRequestRoute } from "@/app/(app)/projects/merge-request-route";
import type { ProjectParams } from "@/app/(app)/projects/project-route";

/** `/-/merge_requests/<iid>`: the Overview, its description, people, approvals and activity. */
export default async function MergeRequestPage({ params }: { params: Promise<ProjectParams & { iid: string }> }) {
  const { project, mr } = await mergeRequestRoute(params);
  return <MergeRequestOverview project={project} mr={mr} />;
}
