import type { ReactNode } from "react";
import { mergeRequestsRoute } from "@/app/(app)/projects/merge-request-route";
import { projectMetadata, ProjectShell, type ProjectParams } from "@/app/(app)/projects/project-route";

export const generateMetadata = projectMetadata("Merge requests");

export default async function MergeRequestsLayout({ children, params }: { children: ReactNode; params: Promise<ProjectParams> }) {
  const { user, project } = await mergeRequestsRoute(params);
  return (
    <ProjectShell user={user} project={project} current="merge_requests">
      {children}
    </ProjectShell>
  );
}
