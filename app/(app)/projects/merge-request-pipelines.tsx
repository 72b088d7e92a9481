import { PipelineTable } from "@/components/projects/ci/pipeline-table";
import { listPipelines, stagesOf, type ProjectWithAccess } from "@/lib/projects";
import type { MergeRequestRow } from "@/lib/merge-requests";
import { EmptyState } from "@/components/ui/empty-state";

/** The Pipelines tab: the pipelines the source ran for this merge request (ci_pipelines by its iid), newest first. */
export async function MergeRequestPipelinesTab({ project, mr }: { project: ProjectWithAccess; mr: MergeRequestRow }) {
  const { rows } = await listPipelines(project.id, { mergeRequestIid: mr.iid, page: 1, perPage: 100 });
  if (rows.length === 0) return <EmptyState>There are no pipelines for this merge request.</EmptyState>;
  const stages = await stagesOf(rows.map((row) => row.id));
  return <PipelineTable fullPath={project.fullPath} pipelines={rows.map((row) => ({ ...row, stages: stages.get(row.id) ?? [] }))} />;
}
