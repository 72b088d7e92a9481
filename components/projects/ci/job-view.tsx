import Link from "next/link";
import { TimeAgo } from "@/components/ui/time-ago";
import { CiStatusBadge } from "./ci-status-badge";

export interface JobViewItem {
  id: number;
  name: string;
  status: string;
  /** A trigger job (GitLab's bridge): it runs a downstream pipeline, not a script. */
  trigger: boolean;
  stage: string | null;
  allowFailure: boolean;
  when: string | null;
  coverage: number | null;
  user: { name: string; username: string } | null;
  pipeline: { id: number; iid: number | null; href: string };
  ref: { name: string; tag: boolean; href: string } | null;
  commit: { sha: string; href: string };
  createdAt: Date;
  queuedAt: Date | null;
  startedAt: Date | null;
  finishedAt: Date | null;
  duration: string | null;
  queued: string | null;
}

function Moment({ date }: { date: Date | null }) {
  return date ? <TimeAgo date={date} /> : <span className="text-gray-500">—</span>;
}

/**
 * A job's page as GitLab lays it out: status and name, the log panel, and the details beside it. Traces are not part
 * of an export, so the log panel says so, as GitLab shows a job whose log was erased.
 */
export function JobView({ job, pipelinesHref }: { job: JobViewItem; pipelinesHref: string }) {
  return (
    <article aria-labelledby="job-title">
      <p className="mb-2 text-sm">
        <Link href={pipelinesHref}>← Pipelines</Link>
      </p>
      <div className="mb-4 flex flex-wrap items-center gap-3 border-b border-gray-200 pb-3">
        <CiStatusBadge status={job.status} />
        <h2 id="job-title" className="text-xl font-semibold break-words text-gray-900">
          {job.name}
        </h2>
        <span className="text-sm text-gray-600">
          #{job.id}
          {job.trigger ? " · Trigger job" : ""} · created <TimeAgo date={job.createdAt} />
          {job.user ? ` by ${job.user.name}` : ""}
        </span>
      </div>
      <div className="grid gap-6 lg:grid-cols-[minmax(0,1fr)_18rem]">
        <section aria-label="Job log" className="self-start rounded-lg bg-gray-900 p-4 font-mono text-sm text-gray-200">
          <p>{job.trigger ? "This trigger job runs a downstream pipeline: it has no log of its own." : "This job does not have a trace."}</p>
          {job.trigger ? null : <p className="mt-2 text-gray-400">Job logs are not part of a migration: the log of this imported job stayed on the source instance.</p>}
        </section>
        <aside aria-label="Job details" className="self-start rounded-lg border border-gray-200 bg-white p-4">
          <dl className="grid grid-cols-[max-content_1fr] gap-x-4 gap-y-2 text-sm">
            <dt className="text-gray-500">Status</dt>
            <dd>
              <CiStatusBadge status={job.status} />
              {job.allowFailure ? <span className="ml-2 text-xs text-gray-500">allowed to fail</span> : null}
            </dd>
            <dt className="text-gray-500">Stage</dt>
            <dd className="capitalize">{job.stage ?? "—"}</dd>
            <dt className="text-gray-500">Pipeline</dt>
            <dd>
              <Link href={job.pipeline.href}>#{job.pipeline.id}</Link>
            </dd>
            <dt className="text-gray-500">{job.ref?.tag ? "Tag" : "Branch"}</dt>
            <dd className="font-mono break-all">{job.ref ? <Link href={job.ref.href}>{job.ref.name}</Link> : "—"}</dd>
            <dt className="text-gray-500">Commit</dt>
            <dd className="font-mono">
              <Link href={job.commit.href} title={job.commit.sha}>
                {job.commit.sha.slice(0, 8)}
              </Link>
            </dd>
            {job.when ? (
              <>
                <dt className="text-gray-500">When</dt>
                <dd>{job.when.replaceAll("_", " ")}</dd>
              </>
            ) : null}
            <dt className="text-gray-500">Duration</dt>
            <dd>{job.duration ?? "—"}</dd>
            <dt className="text-gray-500">Queued</dt>
            <dd>{job.queued ?? "—"}</dd>
            <dt className="text-gray-500">Started</dt>
            <dd>
              <Moment date={job.startedAt} />
            </dd>
            <dt className="text-gray-500">Finished</dt>
            <dd>
              <Moment date={job.finishedAt} />
            </dd>
            {job.coverage !== null ? (
              <>
                <dt className="text-gray-500">Coverage</dt>
                <dd>{job.coverage}%</dd>
              </>
            ) : null}
            <dt className="text-gray-500">Runner</dt>
            <dd className="text-gray-500">Not recorded</dd>
          </dl>
        </aside>
      </div>
    </article>
  );
}
