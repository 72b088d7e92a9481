import type { ReactNode } from "react";
import { projectMetadata, ProjectShell, type ProjectParams } from "@/app/(app)/projects/project-route";
import { repositoryRoute } from "@/app/(app)/projects/repository-route";

export const generateMetadata = projectMetadata("Releases");

export default async function ReleasesLayout({ children, params }: { children: ReactNode; params: Promise<ProjectParams> }) {
  // Releases name tags and offer the code's archives: whoever may not read the code gets 404 before anything streams.
  const { user, project } = await repositoryRoute(params);
  return (
    <ProjectShell user={user} project={project} current="releases">
      {children}
    </ProjectShell>
  );
}
