import type { ReactNode } from "react";
import { projectMetadata, ProjectShell, type ProjectParams } from "@/app/(app)/projects/project-route";
import { issueRoute } from "../../../issue-route";

export const generateMetadata = projectMetadata("Issue");

export default async function IssueLayout({ children, params }: { children: ReactNode; params: Promise<ProjectParams & { iid: string }> }) {
  // 404 for an issue the project lacks, or one the viewer may not read, before anything streams.
  const { user, project } = await issueRoute(params);
  return (
    <ProjectShell user={user} project={project} current="issues">
      {children}
    </ProjectShell>
  );
}
