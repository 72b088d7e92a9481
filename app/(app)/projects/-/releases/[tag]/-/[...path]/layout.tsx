import type { ReactNode } from "react";
import { projectMetadata, ProjectShell, type ProjectParams } from "@/app/(app)/projects/project-route";
import { releaseRoute } from "../../../release-route";

export const generateMetadata = projectMetadata("Release");

export default async function ReleaseLayout({ children, params }: { children: ReactNode; params: Promise<ProjectParams & { tag: string }> }) {
  // 404 for a tag without a release, or a viewer who may not read the code, before anything streams.
  const { user, project } = await releaseRoute(params);
  return (
    <ProjectShell user={user} project={project} current="releases">
      {children}
    </ProjectShell>
  );
}
