import type { ReactNode } from "react";
import { projectMetadata, ProjectShell, type ProjectParams } from "@/app/(app)/projects/project-route";
import { commitRoute } from "@/app/(app)/projects/repository-route";

export const generateMetadata = projectMetadata("Commit");

export default async function CommitLayout({ children, params }: { children: ReactNode; params: Promise<ProjectParams & { sha: string }> }) {
  // Answers 404 before the page's loading state streams.
  const { user, project } = await commitRoute(params);
  return (
    <ProjectShell user={user} project={project} current="commits">
      {children}
    </ProjectShell>
  );
}
