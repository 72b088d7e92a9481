import { notFound } from "next/navigation";
import type { ReactNode } from "react";
import { boardOf } from "@/app/(app)/boards-section";
import { projectMetadata, ProjectShell, type ProjectParams } from "@/app/(app)/projects/project-route";
import { boardsRoute } from "@/app/(app)/projects/plan-route";

export const generateMetadata = projectMetadata("Issue boards");

export default async function Layout({ children, params }: { children: ReactNode; params: Promise<ProjectParams & { id: string }> }) {
  const { user, project } = await boardsRoute(params);
  // A board of this project only: not found before anything streams.
  if (!(await boardOf({ projectId: project.id }, Number((await params).id)))) notFound();
  return (
    <ProjectShell user={user} project={project} current="boards">
      {children}
    </ProjectShell>
  );
}
