import type { ReactNode } from "react";
import { projectMetadata, ProjectShell, type ProjectParams } from "../projects/project-route";
import { overviewRoute } from "./overview-route";

export const generateMetadata = projectMetadata();

/** `/<full path>`: a project's overview, under its header and tabs (see overview-route.ts for what else lands here). */
export default async function ProjectOverviewLayout({ children, params }: { children: ReactNode; params: Promise<ProjectParams> }) {
  const { user, project } = await overviewRoute(params);
  return (
    <ProjectShell user={user} project={project} current="overview">
      {children}
    </ProjectShell>
  );
}
