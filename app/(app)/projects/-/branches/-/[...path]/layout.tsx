import type { ReactNode } from "react";
import { projectMetadata, ProjectShell, type ProjectParams } from "@/app/(app)/projects/project-route";
import { repositoryRoute } from "@/app/(app)/projects/repository-route";

export const generateMetadata = projectMetadata("Branches");

export default async function BranchesLayout({ children, params }: { children: ReactNode; params: Promise<ProjectParams> }) {
  // Answers 404 to whoever may not read the code before the page's loading state streams.
  const { user, project } = await repositoryRoute(params);
  return (
    <ProjectShell user={user} project={project} current="branches">
      {children}
    </ProjectShell>
  );
}
