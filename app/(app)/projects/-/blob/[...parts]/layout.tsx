import type { ReactNode } from "react";
import { projectMetadata, ProjectShell, type ProjectPartsParams } from "@/app/(app)/projects/project-route";
import { blobRoute } from "@/app/(app)/projects/repository-route";

export const generateMetadata = projectMetadata("File");

export default async function BlobLayout({ children, params }: { children: ReactNode; params: Promise<ProjectPartsParams> }) {
  // Answers 404 (or redirects) before the page's loading state streams.
  const { user, project } = await blobRoute(params);
  return (
    <ProjectShell user={user} project={project} current="files">
      {children}
    </ProjectShell>
  );
}
