import { MilestoneView } from "@/components/content/milestone-view";
import { projectPageUrl } from "@/components/projects/project-urls";
import { milestoneRoute } from "@/app/(app)/projects/plan-route";
import type { ProjectParams } from "@/app/(app)/projects/project-route";

/** `/-/milestones/<iid>`: one milestone of the project. */
export default async function MilestonePage({ params }: { params: Promise<ProjectParams & { iid: string }> }) {
  const { project, milestone } = await milestoneRoute(params);
  const today = new Date().toISOString().slice(0, 10);
  return <MilestoneView milestone={{ ...milestone, expired: milestone.dueDate !== null && milestone.dueDate < today }} listHref={projectPageUrl(project.fullPath, "milestones")} />;
}
