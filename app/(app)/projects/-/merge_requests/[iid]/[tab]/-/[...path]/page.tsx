import { notFound } from "next/navigation";
import { MergeRequestChangesTab } from "@/app/(app)/projects/merge-request-changes";
import { MergeRequestCommitsTab } from "@/app/(app)/projects/merge-request-commits";
import { MergeRequestPipelinesTab } from "@/app/(app)/projects/merge-request-pipelines";
import { mergeRequestRoute } from "@/app/(app)/projects/merge-request-route";
import type { ProjectParams } from "@/app/(app)/projects/project-route";

/** `/-/merge_requests/<iid>/commits`, `/diffs` (Changes) and `/pipelines`. */
export default async function MergeRequestTabPage({ params, searchParams }: { params: Promise<ProjectParams & { iid: string; tab: string }>; searchParams: Promise<{ expand?: string | string[]; page?: string }> }) {
  const { tab } = await params;
  const { project, mr } = await mergeRequestRoute(params);
  const query = await searchParams;
  if (tab === "commits") return <MergeRequestCommitsTab project={project} mr={mr} page={query.page} />;
  if (tab === "diffs") return <MergeRequestChangesTab project={project} mr={mr} expand={[query.expand ?? []].flat()} page={query.page} />;
  if (tab === "pipelines") return <MergeRequestPipelinesTab project={project} mr={mr} />;
  notFound();
}
