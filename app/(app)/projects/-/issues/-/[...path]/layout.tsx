import type { ReactNode } from "react";
import { projectMetadata, ProjectShell, type ProjectParams } from "@/app/(app)/projects/project-route";
import { issuesRoute } from "../../issue-route";

export const generateMetadata = projectMetadata("Issues");

export default async function IssuesLayout({ children, params }: { children: ReactNode; params: Promise<ProjectParams> }) {
  const { user, project } = await issuesRoute(params);
  return (
    <ProjectShell user={user} project={project} current="issues">
      {children}
    </ProjectShell>
  );
}
