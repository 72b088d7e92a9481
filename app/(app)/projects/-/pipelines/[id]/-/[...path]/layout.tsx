import type { ReactNode } from "react";
import { projectMetadata, projectRoute, ProjectShell, type ProjectParams } from "@/app/(app)/projects/project-route";

export const generateMetadata = projectMetadata("Pipeline");

export default async function PipelineLayout({ children, params }: { children: ReactNode; params: Promise<ProjectParams & { id: string }> }) {
  const { user, project } = await projectRoute(params);
  return (
    <ProjectShell user={user} project={project} current="pipelines">
      {children}
    </ProjectShell>
  );
}
