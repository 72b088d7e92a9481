import type { ReactNode } from "react";
import { projectMetadata, ProjectShell, type ProjectParams } from "@/app/(app)/projects/project-route";
import { snippetsRoute } from "@/app/(app)/projects/-/snippets/snippets-route";

export const generateMetadata = projectMetadata("Snippets");

export default async function SnippetsLayout({ children, params }: { children: ReactNode; params: Promise<ProjectParams> }) {
  // Answers 404 to whoever may not read the snippets before the page's loading state streams.
  const { user, project } = await snippetsRoute(params);
  return (
    <ProjectShell user={user} project={project} current="snippets">
      {children}
    </ProjectShell>
  );
}
