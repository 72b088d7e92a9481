import type { ReactNode } from "react";
import { projectMetadata, ProjectShell, type ProjectParams } from "@/app/(app)/projects/project-route";
import { milestonesRoute } from "@/app/(app)/projects/plan-route";

export const generateMetadata = projectMetadata("Milestones");

export default async function Layout({ children, params }: { children: ReactNode; params: Promise<ProjectParams> }) {
  const { user, project } = await milestonesRoute(params);
  return (
    <ProjectShell user={user} project={project} current="milestones">
      {children}
    </ProjectShell>
  );
}
