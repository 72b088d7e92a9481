import type { ReactNode } from "react";
import { projectMetadata, ProjectShell, type ProjectParams } from "@/app/(app)/projects/project-route";
import { repositoryRoute } from "@/app/(app)/projects/repository-route";

export const generateMetadata = projectMetadata("Tags");

export default async function TagsLayout({ children, params }: { children: ReactNode; params: Promise<ProjectParams> }) {
  // Answers 404 to whoever may not read the code before the page's loading state streams.
  const { user, project } = await repositoryRoute(params);
  return (
    <ProjectShell user={user} project={project} current="tags">
      {children}
    </ProjectShell>
  );
}
