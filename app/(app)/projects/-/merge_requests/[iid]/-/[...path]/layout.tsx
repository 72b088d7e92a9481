import type { ReactNode } from "react";
import { mergeRequestRoute } from "@/app/(app)/projects/merge-request-route";
import { MergeRequestShell } from "@/app/(app)/projects/merge-request-shell";
import { projectMetadata, type ProjectParams } from "@/app/(app)/projects/project-route";

export const generateMetadata = projectMetadata("Merge request");

export default async function MergeRequestLayout({ children, params }: { children: ReactNode; params: Promise<ProjectParams & { iid: string }> }) {
  // 404 for a merge request the project lacks, or a viewer who may not read it, before anything streams.
  const { user, project, mr } = await mergeRequestRoute(params);
  return (
    <MergeRequestShell user={user} project={project} mr={mr} current="overview">
      {children}
    </MergeRequestShell>
  );
}
