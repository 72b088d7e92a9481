import type { ReactNode } from "react";
import { projectMetadata, projectRoute, ProjectShell, type ProjectParams } from "@/app/(app)/projects/project-route";

export const generateMetadata = projectMetadata("Pipelines");

export default async function PipelinesLayout({ children, params }: { children: ReactNode; params: Promise<ProjectParams> }) {
  const { user, project } = await projectRoute(params);
  return (
    <ProjectShell user={user} project={project} current="pipelines">
      {children}
    </ProjectShell>
  );
}
