import type { ReactNode } from "react";
import { projectMetadata, ProjectShell, type ProjectParams } from "@/app/(app)/projects/project-route";
import { milestoneRoute } from "@/app/(app)/projects/plan-route";

export const generateMetadata = projectMetadata("Milestone");

export default async function Layout({ children, params }: { children: ReactNode; params: Promise<ProjectParams & { iid: string }> }) {
  const { user, project } = await milestoneRoute(params);
  return (
    <ProjectShell user={user} project={project} current="milestones">
      {children}
    </ProjectShell>
  );
}
