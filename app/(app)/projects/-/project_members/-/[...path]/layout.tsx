import type { ReactNode } from "react";
import { projectMetadata, projectRoute, ProjectShell, type ProjectParams } from "@/app/(app)/projects/project-route";

export const generateMetadata = projectMetadata("Members");

export default async function Layout({ children, params }: { children: ReactNode; params: Promise<ProjectParams> }) {
  const { user, project } = await projectRoute(params);
  return (
    <ProjectShell user={user} project={project} current="members">
      {children}
    </ProjectShell>
  );
}
