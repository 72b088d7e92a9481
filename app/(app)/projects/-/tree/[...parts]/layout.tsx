import type { ReactNode } from "react";
import { projectMetadata, ProjectShell, type ProjectPartsParams } from "@/app/(app)/projects/project-route";
import { treeRoute } from "@/app/(app)/projects/repository-route";

export const generateMetadata = projectMetadata("Files");

export default async function TreeLayout({ children, params }: { children: ReactNode; params: Promise<ProjectPartsParams> }) {
  // Answers 404 (or redirects) before the page's loading state streams.
  const { user, project } = await treeRoute(params);
  return (
    <ProjectShell user={user} project={project} current="files">
      {children}
    </ProjectShell>
  );
}
