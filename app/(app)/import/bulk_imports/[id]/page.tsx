import Link from "next/link";
import { notFound } from "next/navigation";
import { LiveRefresh } from "@/components/import/live-import-events";
import { StatusBadge } from "@/components/import/status-badge";
import { PageHeader } from "@/components/ui/page-header";
import { ProgressBar } from "@/components/ui/progress-bar";
import { getBulkImportDetails, type BulkImportDetails } from "@/lib/migration";
import { requireUser } from "../../../require-user";
import { formatCount, formatDateTime, formatDuration } from "@/components/import/history/format";
import { ImportTimeline } from "@/components/import/timeline/import-timeline";
import { toTimelineData } from "@/components/import/timeline/timeline-view";
import { TrackersTable } from "@/components/import/timeline/trackers-table";

export const dynamic = "force-dynamic";

export async function generateMetadata({ params }: { params: Promise<{ id: string }> }) {
  return { title: `Migration details #${(await params).id}` };
}

function summary(details: BulkImportDetails, now: Date) {
  const starts = details.entities.map((e) => e.startedAt?.getTime()).filter((t): t is number => t !== undefined);
  const started = starts.length ? new Date(Math.min(...starts)) : null;
  const done = ["finished", "failed", "timeout", "canceled"].includes(details.statusName);
  // The last entity to finish ends the import; updated_at only when none recorded a finish (cancelled before any).
  const ends = details.entities.map((e) => e.finishedAt?.getTime()).filter((t): t is number => t !== undefined);
  const finished = done ? (ends.length ? new Date(Math.max(...ends)) : details.updatedAt) : null;
  const { progress } = details;
  return {
    started,
    elapsed: started ? formatDuration((finished ?? now).getTime() - started.getTime()) : null,
    relations: `${progress.relationsDone} of ${progress.relationsTotal}`,
    percent: progress.percent,
    imported: progress.imported,
    source: progress.source,
    failures: details.entities.reduce((n, e) => n + e.failuresCount, 0),
  };
}

export default async function BulkImportDetailsPage({ params }: { params: Promise<{ id: string }> }) {
  const user = await requireUser();
  const { id } = await params;
  const details = /^\d+$/.test(id) ? await getBulkImportDetails(user, Number(id)) : undefined;
  if (!details) notFound();
  const now = new Date();
  const s = summary(details, now);
  const running = details.statusName === "created" || details.statusName === "started";
  const item = "rounded-md border border-gray-200 bg-white px-4 py-3";
  const term = "text-xs font-medium uppercase tracking-wide text-gray-500";
  return (
    <>
      <p className="mb-3 text-sm">
        <Link href="/import/history">‹ Migration history</Link>
      </p>
      <PageHeader
        title={
          <span className="flex flex-wrap items-center gap-3">
            Migration details <span className="text-gray-500">#{details.id}</span>
            <StatusBadge status={details.humanStatus} />
          </span>
        }
        description={
          <>
            {details.sourceUrl.startsWith("file:///") ? (
              <>From the export file {decodeURIComponent(details.sourceUrl.slice(details.sourceUrl.lastIndexOf("/") + 1))}</>
            ) : (
              <>
                From <a href={details.sourceUrl}>{details.sourceUrl}</a> (GitLab {details.sourceVersion})
              </>
            )}{" "}
            by @{details.username}, created {formatDateTime(details.createdAt)}.
          </>
        }
        actions={<LiveRefresh bulkImportId={details.id} scope={details.userId === user.id ? "mine" : "all"} pollWhileDisconnected={running} indicator />}
      />
      <dl className="mb-6 grid grid-cols-2 gap-3 md:grid-cols-5">
        <div className={item}>
          <dt className={term}>Groups and projects</dt>
          <dd className="mt-1 text-lg font-semibold text-gray-900">{details.entities.length}</dd>
        </div>
        <div className={item}>
          <dt className={term}>Relations done</dt>
          <dd className="mt-1 text-lg font-semibold text-gray-900">{s.relations}</dd>
          {running ? <ProgressBar value={s.percent} label="Import progress" className="mt-2 w-full" /> : null}
        </div>
        <div className={item}>
          <dt className={term}>Records imported</dt>
          <dd className="mt-1 text-lg font-semibold text-gray-900">
            {formatCount(s.imported)}
            {s.source !== null ? <span className="text-sm font-normal text-gray-500"> of {formatCount(s.source)}</span> : null}
          </dd>
        </div>
        <div className={item}>
          <dt className={term}>{running ? "Running for" : "Took"}</dt>
          <dd className="mt-1 text-lg font-semibold text-gray-900">{s.elapsed ?? "Not started"}</dd>
        </div>
        <div className={item}>
          <dt className={term}>Failed items</dt>
          <dd className={`mt-1 text-lg font-semibold ${s.failures ? "text-red-700" : "text-gray-900"}`}>{s.failures >= 1000 ? "1000+" : s.failures}</dd>
        </div>
      </dl>
      <div className="space-y-6">
        <ImportTimeline data={toTimelineData(details, now)} />
        <TrackersTable details={details} now={now} />
      </div>
    </>
  );
}
