import type { ReactNode } from "react";
import { projectMetadata, ProjectShell, type ProjectPartsParams } from "@/app/(app)/projects/project-route";
import { commitsRoute } from "@/app/(app)/projects/repository-route";

export const generateMetadata = projectMetadata("Commits");

export default async function CommitsLayout({ children, params }: { children: ReactNode; params: Promise<ProjectPartsParams> }) {
  // Answers 404 (or redirects) before the page's loading state streams.
  const { user, project } = await commitsRoute(params);
  return (
    <ProjectShell user={user} project={project} current="commits">
      {children}
    </ProjectShell>
  );
}
