import Link from "next/link";
import { StatusBadge } from "@/components/import/status-badge";
import { TableHeadRow } from "@/components/ui/table-head-row";
import { RelationFailuresLink } from "@/components/import/history/relation-failures-link";
import type { BulkImportDetails } from "@/lib/migration/wire";
import { formatCount, formatDateTime, formatDuration, formatOffset } from "@/components/import/history/format";

function offset(date: Date | null, origin: Date) {
  return date ? (
    <time dateTime={date.toISOString()} title={formatDateTime(date)}>
      +{formatOffset(date.getTime() - origin.getTime())}
    </time>
  ) : (
    <span className="text-gray-400">—</span>
  );
}

/** The timeline's numbers as a table: when each relation ran, how long, and how many records. */
export function TrackersTable({ details, now }: { details: BulkImportDetails; now: Date }) {
  const head = "px-3 py-2 text-left text-xs font-semibold uppercase tracking-wide text-gray-600";
  const num = "px-3 py-1.5 text-right tabular-nums";
  return (
    <div className="overflow-x-auto rounded-lg border border-gray-200 bg-white">
      <table className="w-full min-w-[56rem] text-sm">
        <caption className="px-4 pt-3 pb-2 text-left">
          <span className="text-base font-semibold text-gray-900">Relations</span>
          <span className="block text-xs font-normal text-gray-500">Times are offsets from the start of the import; hover for the date.</span>
        </caption>
        <thead className="border-y border-gray-200 bg-gray-50">
          <TableHeadRow cellClassName={head} columns={[{ label: "Relation" }, { label: "Stage", align: "right" }, { label: "Status" }, { label: "Started", align: "right" }, { label: "Finished", align: "right" }, { label: "Duration", align: "right" }, { label: "Imported", align: "right" }, { label: "Fetched", align: "right" }, { label: "Source", align: "right" }, { label: "Batches", align: "right" }]} />
        </thead>
        {details.entities.map((entity) => (
          <tbody key={entity.id} className="divide-y divide-gray-100 border-b border-gray-200 last:border-b-0">
            <tr className="bg-gray-50/70">
              <th scope="colgroup" colSpan={10} className="px-3 py-2 text-left font-normal">
                <span className="flex flex-wrap items-center gap-x-3 gap-y-1">
                  <span className="font-medium text-gray-900">{entity.sourceFullPath}</span>
                  <span className="text-gray-500">→</span>
                  {entity.destinationPath ? (
                    <Link href={entity.destinationPath}>{entity.destinationFullPath}</Link>
                  ) : (
                    <span className="text-gray-700">{entity.destinationFullPath}</span>
                  )}
                  <StatusBadge status={entity.humanStatus} />
                  {entity.hasFailures ? <Link href={`/import/history/${entity.id}/failures`}>Show errors ›</Link> : null}
                </span>
              </th>
            </tr>
            {entity.trackers.length === 0 ? (
              <tr>
                <td colSpan={10} className="px-3 py-2 text-gray-500">
                  No relations planned yet.
                </td>
              </tr>
            ) : null}
            {entity.trackers.map((t) => {
              const end = t.finishedAt ?? (t.statusName === "started" ? now : null);
              const batchesDone = t.batches.filter((b) => b.statusName === "finished").length;
              return (
                <tr key={t.trackerId} className={t.mismatch ? "bg-amber-50" : undefined}>
                  <th scope="row" className="px-3 py-1.5 pl-6 text-left font-normal text-gray-900">
                    {t.label}
                    {t.message ? <p className="text-xs text-gray-500">{t.message}</p> : null}
                  </th>
                  <td className={num}>{t.stage}</td>
                  <td className="px-3 py-1.5">
                    <StatusBadge status={t.humanStatus} />
                  </td>
                  <td className={num}>{offset(t.startedAt, details.createdAt)}</td>
                  <td className={num}>{offset(t.finishedAt, details.createdAt)}</td>
                  <td className={num}>{t.startedAt && end ? formatDuration(end.getTime() - t.startedAt.getTime()) : <span className="text-gray-400">—</span>}</td>
                  <td className={`${num} ${t.mismatch ? "font-semibold text-amber-900" : ""}`}>
                    {formatCount(t.imported)}
                    {t.mismatch ? <span className="sr-only"> (differs from the source)</span> : null}
                    <RelationFailuresLink entityId={entity.id} relation={t.relation} failures={t.failures} />
                  </td>
                  <td className={num}>{formatCount(t.fetched)}</td>
                  <td className={num}>{formatCount(t.source)}</td>
                  <td className={num}>{t.batched ? `${batchesDone} / ${t.batches.length}` : <span className="text-gray-400">—</span>}</td>
                </tr>
              );
            })}
          </tbody>
        ))}
      </table>
    </div>
  );
}
