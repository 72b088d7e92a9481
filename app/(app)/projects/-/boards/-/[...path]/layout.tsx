import type { ReactNode } from "react";
import { projectMetadata, ProjectShell, type ProjectParams } from "@/app/(app)/projects/project-route";
import { boardsRoute } from "@/app/(app)/projects/plan-route";

export const generateMetadata = projectMetadata("Issue boards");

export default async function Layout({ children, params }: { children: ReactNode; params: Promise<ProjectParams> }) {
  const { user, project } = await boardsRoute(params);
  return (
    <ProjectShell user={user} project={project} current="boards">
      {children}
    </ProjectShell>
  );
}
