import Link from "next/link";
import { notFound } from "next/navigation";
import { StatusBadge } from "@/components/import/status-badge";
import { PageHeader } from "@/components/ui/page-header";
import { Pagination } from "@/components/ui/pagination";
import { listEntityFailures } from "@/lib/migration";
import { relationLabel } from "@/lib/relations";
import { requireUser } from "../../../../require-user";
import { formatDateTime } from "@/components/import/history/format";
import { ExternalIcon } from "@/components/import/history/icons";

export const metadata = { title: "Import errors" };
export const dynamic = "force-dynamic";

const PER_PAGE = 20;

export default async function EntityFailuresPage({ params, searchParams }: { params: Promise<{ entityId: string }>; searchParams: Promise<{ page?: string; relation?: string }> }) {
  const user = await requireUser();
  const { entityId } = await params;
  const query = await searchParams;
  const page = Math.max(1, Math.floor(Number(query.page)) || 1);
  const relation = typeof query.relation === "string" && /^[a-z_]{1,64}$/.test(query.relation) ? query.relation : undefined;
  const id = /^\d+$/.test(entityId) ? Number(entityId) : NaN;
  const result = await listEntityFailures(user, id, { page, perPage: PER_PAGE, relation });
  if (!result) notFound();
  const { entity, failures, omitted } = result;
  const items = failures.total + omitted;
  const head = "px-4 py-2.5 text-left text-xs font-semibold uppercase tracking-wide text-gray-600";
  return (
    <>
      <p className="mb-3 text-sm">
        <Link href="/import/history">‹ Migration history</Link>
      </p>
      <PageHeader
        title={`Items that failed to be imported for ${entity.destinationFullPath}`}
        description={
          <span className="flex flex-wrap items-center gap-2">
            <StatusBadge status={entity.humanStatus} />
            <span>
              from <span className="font-mono text-xs">{entity.sourceFullPath}</span> ·{" "}
              {items === 1 ? "1 item" : `${items.toLocaleString("en")} items`} ·{" "}
              <Link href={`/import/bulk_imports/${entity.bulkImportId}`}>Migration details</Link>
            </span>
          </span>
        }
      />
      {relation ? (
        <p className="mb-3 text-sm text-gray-700">
          Showing the items of <strong>{relationLabel(relation)}</strong> only. <Link href={`/import/history/${entity.id}/failures`}>Show all items</Link>
        </p>
      ) : null}
      {failures.total === 0 ? (
        <p className="rounded-lg border border-dashed border-gray-300 bg-white px-6 py-10 text-center text-sm text-gray-600">No import details</p>
      ) : (
        <div className="overflow-x-auto rounded-lg border border-gray-200 bg-white">
          <table className="w-full min-w-[48rem] text-sm">
            <caption className="sr-only">Items that failed to be imported, oldest first</caption>
            <thead className="border-b border-gray-200 bg-gray-50">
              <tr>
                <th scope="col" className={`${head} w-40`}>
                  Type
                </th>
                <th scope="col" className={head}>
                  Title
                </th>
                <th scope="col" className={head}>
                  Error
                </th>
                <th scope="col" className={`${head} w-48`}>
                  Correlation ID
                </th>
              </tr>
            </thead>
            <tbody className="divide-y divide-gray-100">
              {failures.rows.map((f) => (
                <tr key={f.id} className="align-top">
                  <td className="px-4 py-3">
                    <span className="font-medium text-gray-900">{f.label}</span>
                    {f.subrelation ? <span className="text-gray-600">, {f.subrelation}</span> : null}
                    <p className="mt-0.5 text-xs text-gray-500">{f.pipelineStep.replace(/_/g, " ")}</p>
                  </td>
                  <td className="px-4 py-3">
                    {f.sourceTitle && f.sourceUrl ? (
                      <a href={f.sourceUrl} target="_blank" rel="noreferrer noopener" className="inline-flex items-center gap-1 break-words">
                        {f.sourceTitle}
                        <ExternalIcon />
                        <span className="sr-only">(opens the source instance)</span>
                      </a>
                    ) : (
                      <span className={f.sourceTitle ? "text-gray-900" : "text-gray-400"}>{f.sourceTitle ?? "—"}</span>
                    )}
                  </td>
                  <td className="px-4 py-3">
                    <strong className="font-semibold text-gray-900">{f.exceptionClass}</strong>
                    <p className="mt-0.5 break-words text-gray-700">{f.exceptionMessage}</p>
                    <p className="mt-1 text-xs text-gray-500">
                      <time dateTime={f.createdAt.toISOString()}>{formatDateTime(f.createdAt)}</time>
                    </p>
                  </td>
                  <td className="px-4 py-3 font-mono text-xs break-all text-gray-700">{f.correlationId ?? "—"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {omitted > 0 ? (
        <p className="mt-3 text-sm text-gray-700" role="note">
          …and {omitted.toLocaleString("en")} more, not listed: past {failures.total.toLocaleString("en")} failures a relation&apos;s further bad records are counted, not stored.
        </p>
      ) : null}
      <Pagination page={page} totalPages={failures.totalPages} hrefFor={(p) => `/import/history/${entity.id}/failures?${new URLSearchParams({ ...(relation ? { relation } : {}), page: String(p) })}`} label="Errors pagination" />
    </>
  );
}
