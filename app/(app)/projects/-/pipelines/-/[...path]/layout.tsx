import type { ReactNode } from "react";
import { projectMetadata, ProjectShell, type ProjectParams } from "@/app/(app)/projects/project-route";
import { pipelinesRoute } from "../../pipeline-route";

export const generateMetadata = projectMetadata("Pipelines");

export default async function PipelinesLayout({ children, params }: { children: ReactNode; params: Promise<ProjectParams> }) {
  // 404 for a viewer who may not read the pipelines, before anything streams.
  const { user, project } = await pipelinesRoute(params);
  return (
    <ProjectShell user={user} project={project} current="pipelines">
      {children}
    </ProjectShell>
  );
}
