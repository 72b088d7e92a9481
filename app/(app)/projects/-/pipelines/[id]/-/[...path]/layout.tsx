import type { ReactNode } from "react";
import { projectMetadata, ProjectShell, type ProjectParams } from "@/app/(app)/projects/project-route";
import { pipelineRoute } from "../../../pipeline-route";

export const generateMetadata = projectMetadata("Pipeline");

export default async function PipelineLayout({ children, params }: { children: ReactNode; params: Promise<ProjectParams & { id: string }> }) {
  // 404 for a pipeline the project lacks, or a viewer who may not read it, before anything streams.
  const { user, project } = await pipelineRoute(params);
  return (
    <ProjectShell user={user} project={project} current="pipelines">
      {children}
    </ProjectShell>
  );
}
