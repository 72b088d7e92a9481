import { notFound } from "next/navigation";
import type { ReactNode } from "react";
import { mergeRequestRoute } from "@/app/(app)/projects/merge-request-route";
import { MergeRequestShell } from "@/app/(app)/projects/merge-request-shell";
import { projectMetadata, type ProjectParams } from "@/app/(app)/projects/project-route";
import { canReadPipelines } from "@/lib/projects";

export const generateMetadata = projectMetadata("Merge request");

type Params = ProjectParams & { iid: string; tab: string };

/** The Commits, Changes and Pipelines tabs of a merge request; 404 for another word, or Pipelines the viewer may not read. */
export default async function MergeRequestTabLayout({ children, params }: { children: ReactNode; params: Promise<Params> }) {
  const { tab } = await params;
  const { user, project, mr } = await mergeRequestRoute(params);
  if (tab !== "commits" && tab !== "diffs" && tab !== "pipelines") notFound();
  if (tab === "pipelines" && !canReadPipelines(user, project)) notFound();
  return (
    <MergeRequestShell user={user} project={project} mr={mr} current={tab}>
      {children}
    </MergeRequestShell>
  );
}
