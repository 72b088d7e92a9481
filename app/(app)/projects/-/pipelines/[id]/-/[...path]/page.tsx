import Link from "next/link";
import { CiStatusBadge } from "@/components/projects/ci/ci-status-badge";
import { PipelineStages } from "@/components/projects/ci/pipeline-stages";
import { commitUrl, jobUrl, projectPageUrl, treeUrl } from "@/components/projects/project-urls";
import { TimeAgo } from "@/components/ui/time-ago";
import type { ProjectParams } from "@/app/(app)/projects/project-route";
import { ciDuration, pipelineStages } from "@/lib/projects";
import { pipelineRoute } from "../../../pipeline-route";

/** A pipeline (`/-/pipelines/<id>`): its status, ref, commit and times, then its stages as columns with their jobs. */
export default async function PipelinePage({ params }: { params: Promise<ProjectParams & { id: string }> }) {
  const { project, pipeline } = await pipelineRoute(params);
  const stages = await pipelineStages(pipeline.id);
  const fullPath = project.fullPath;
  const duration = ciDuration(pipeline.duration);
  return (
    <article aria-labelledby="pipeline-title">
      <p className="mb-2 text-sm">
        <Link href={projectPageUrl(fullPath, "pipelines")}>← Pipelines</Link>
      </p>
      <div className="mb-4 flex flex-wrap items-center gap-3 border-b border-gray-200 pb-3">
        <CiStatusBadge status={pipeline.status} />
        <h2 id="pipeline-title" className="text-xl font-semibold text-gray-900">
          {pipeline.name ?? `Pipeline #${pipeline.id}`}
        </h2>
        <span className="text-sm text-gray-600">
          {pipeline.name ? `#${pipeline.id} · ` : ""}
          {pipeline.iid !== null ? `IID ${pipeline.iid} · ` : ""}
          created <TimeAgo date={pipeline.createdAt} />
          {pipeline.user ? ` by ${pipeline.user.name}` : ""}
        </span>
      </div>
      <dl className="mb-6 grid gap-x-6 gap-y-2 rounded-lg border border-gray-200 bg-white p-4 text-sm sm:grid-cols-[max-content_1fr]">
        <dt className="text-gray-500">{pipeline.tag ? "Tag" : "Branch"}</dt>
        <dd className="font-mono">{pipeline.ref ? <Link href={treeUrl(fullPath, pipeline.ref)}>{pipeline.ref}</Link> : "—"}</dd>
        <dt className="text-gray-500">Commit</dt>
        <dd className="font-mono">
          <Link href={commitUrl(fullPath, pipeline.sha)} title={pipeline.sha}>
            {pipeline.sha.slice(0, 8)}
          </Link>
        </dd>
        <dt className="text-gray-500">Source</dt>
        <dd>
          {pipeline.source?.replaceAll("_", " ") ?? "unknown"}
          {pipeline.mergeRequestIid !== null ? ` (merge request !${pipeline.mergeRequestIid} on the source)` : ""}
        </dd>
        <dt className="text-gray-500">Duration</dt>
        <dd>{duration ?? "—"}</dd>
        <dt className="text-gray-500">Finished</dt>
        <dd>{pipeline.finishedAt ? <TimeAgo date={pipeline.finishedAt} /> : "—"}</dd>
        {pipeline.yamlErrors ? (
          <>
            <dt className="text-gray-500">Errors</dt>
            <dd className="text-red-700">{pipeline.yamlErrors}</dd>
          </>
        ) : null}
      </dl>
      <h3 className="mb-2 text-sm font-semibold text-gray-900">Stages</h3>
      {stages.length === 0 ? (
        <p className="rounded-lg border border-dashed border-gray-300 bg-white px-6 py-10 text-center text-sm text-gray-600">This pipeline has no stages or jobs.</p>
      ) : (
        <PipelineStages stages={stages} jobHref={(id) => jobUrl(fullPath, id)} />
      )}
    </article>
  );
}
