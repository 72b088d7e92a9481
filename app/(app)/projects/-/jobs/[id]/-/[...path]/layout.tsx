import type { ReactNode } from "react";
import { projectMetadata, ProjectShell, type ProjectParams } from "@/app/(app)/projects/project-route";
import { jobRoute } from "../../../job-route";

export const generateMetadata = projectMetadata("Job");

export default async function JobLayout({ children, params }: { children: ReactNode; params: Promise<ProjectParams & { id: string }> }) {
  // 404 for a job the project lacks, or a viewer who may not read its pipelines, before anything streams.
  const { user, project } = await jobRoute(params);
  return (
    <ProjectShell user={user} project={project} current="pipelines">
      {children}
    </ProjectShell>
  );
}
