import Link from "next/link";
import { ciDuration } from "@/lib/projects/ci-status";
import { CiStatusBadge } from "./ci-status-badge";

export interface PipelineStageItem {
  id: number;
  name: string;
  status: string | null;
  jobs: { id: number; name: string; status: string; type: string; allowFailure: boolean; runSeconds: number | null; description: string | null; targetUrl: string | null }[];
}

const KIND: Record<string, string | null> = { "Ci::Build": null, "Ci::Bridge": "Trigger job", GenericCommitStatus: "External" };

/**
 * A pipeline's stages as columns, each with its jobs (and trigger jobs and external statuses): status, name, duration.
 * Jobs and trigger jobs link to their page (`jobHref`); an external status to its own address, when it has one.
 */
export function PipelineStages({ stages, jobHref }: { stages: readonly PipelineStageItem[]; jobHref?: (id: number) => string }) {
  return (
    <ol className="flex gap-4 overflow-x-auto pb-2" aria-label="Stages">
      {stages.map((stage) => (
        <li key={stage.id} className="w-64 shrink-0">
          <section aria-label={`Stage ${stage.name}`} className="h-full rounded-lg border border-gray-200 bg-gray-50 p-3">
            <h3 className="mb-2 flex items-center justify-between gap-2 text-sm font-semibold capitalize text-gray-900">
              <span>{stage.name}</span>
              <CiStatusBadge status={stage.status} />
            </h3>
            {stage.jobs.length === 0 ? <p className="text-xs text-gray-500">No jobs in this stage.</p> : null}
            <ul className="space-y-2">
              {stage.jobs.map((job) => {
                const duration = ciDuration(job.runSeconds);
                const kind = KIND[job.type];
                return (
                  <li key={job.id} className="rounded-md border border-gray-200 bg-white px-3 py-2 text-sm" aria-label={`Job ${job.name}`}>
                    <div className="flex items-center justify-between gap-2">
                      <span className="min-w-0 font-medium break-words text-gray-900" title={job.name}>
                        {jobHref && job.type !== "GenericCommitStatus" ? (
                          <Link href={jobHref(job.id)}>{job.name}</Link>
                        ) : job.targetUrl && /^https?:\/\//i.test(job.targetUrl) ? (
                          <a href={job.targetUrl} rel="noreferrer nofollow" target="_blank">
                            {job.name}
                          </a>
                        ) : (
                          job.name
                        )}
                      </span>
                      <CiStatusBadge status={job.status} />
                    </div>
                    <div className="mt-1 flex flex-wrap gap-x-2 text-xs text-gray-500">
                      {kind ? <span>{kind}</span> : null}
                      {job.allowFailure ? <span>allowed to fail</span> : null}
                      {duration ? <span title="Duration">Duration {duration}</span> : null}
                      {job.description ? <span className="break-words">{job.description}</span> : null}
                    </div>
                  </li>
                );
              })}
            </ul>
          </section>
        </li>
      ))}
    </ol>
  );
}
