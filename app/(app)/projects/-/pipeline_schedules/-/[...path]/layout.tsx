import type { ReactNode } from "react";
import { projectMetadata, projectRoute, ProjectShell, type ProjectParams } from "@/app/(app)/projects/project-route";

export const generateMetadata = projectMetadata("Pipeline schedules");

export default async function PipelineSchedulesLayout({ children, params }: { children: ReactNode; params: Promise<ProjectParams> }) {
  const { user, project } = await projectRoute(params);
  return (
    <ProjectShell user={user} project={project} current="schedules">
      {children}
    </ProjectShell>
  );
}
