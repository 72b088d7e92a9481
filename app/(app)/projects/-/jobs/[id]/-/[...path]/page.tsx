import { JobView } from "@/components/projects/ci/job-view";
import { commitUrl, pipelineUrl, projectPageUrl, treeUrl } from "@/components/projects/project-urls";
import type { ProjectParams } from "@/app/(app)/projects/project-route";
import { ciDuration } from "@/lib/projects";
import { jobRoute } from "../../../job-route";

/** A job (`/-/jobs/<id>`): its status, stage, pipeline, ref, commit and timing; no log, since traces are not migrated. */
export default async function JobPage({ params }: { params: Promise<ProjectParams & { id: string }> }) {
  const { project, job } = await jobRoute(params);
  const fullPath = project.fullPath;
  const ref = job.ref ?? job.pipeline.ref;
  return (
    <JobView
      pipelinesHref={projectPageUrl(fullPath, "pipelines")}
      job={{
        id: job.id,
        name: job.name,
        status: job.status,
        trigger: job.type === "Ci::Bridge",
        stage: job.stage,
        allowFailure: job.allowFailure,
        when: job.when,
        coverage: job.coverage,
        user: job.user ? { name: job.user.name, username: job.user.username } : null,
        pipeline: { id: job.pipeline.id, iid: job.pipeline.iid, href: pipelineUrl(fullPath, job.pipeline.id) },
        ref: ref ? { name: ref, tag: job.tag, href: treeUrl(fullPath, ref) } : null,
        commit: { sha: job.pipeline.sha, href: commitUrl(fullPath, job.pipeline.sha) },
        createdAt: job.createdAt,
        queuedAt: job.queuedAt,
        startedAt: job.startedAt,
        finishedAt: job.finishedAt,
        duration: ciDuration(job.runSeconds),
        queued: ciDuration(job.queuedSeconds),
      }}
    />
  );
}
