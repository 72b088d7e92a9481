"use client";

import Link from "next/link";
import { useState } from "react";
import { TableHeadRow } from "@/components/ui/table-head-row";
import { RelationFailuresLink } from "./relation-failures-link";
import { StatusBadge, type BadgeStatus } from "@/components/import/status-badge";
import { ProgressBar } from "@/components/ui/progress-bar";
import { EntityIcon, ExternalIcon } from "./icons";

export interface RelationView {
  key: string;
  label: string;
  imported: string;
  fetched: string;
  source: string;
  status: BadgeStatus;
  mismatch: boolean;
  message: string | null;
  entityId: number;
  relation: string;
  failures: number;
}

/** One history row, formatted on the server (see page.tsx). */
export interface HistoryRowView {
  id: number;
  sourceType: "group" | "project";
  sourceFullPath: string;
  sourceWebUrl: string;
  sourceHost: string;
  destinationFullPath: string;
  destinationHref: string | null;
  startedLabel: string;
  startedIso: string;
  startedTitle: string;
  status: BadgeStatus;
  progress: { percent: number; relations: string; items: string } | null;
  failuresLabel: string | null;
  failuresHref: string | null;
  detailsHref: string;
  owner: string | null;
  relations: RelationView[];
  mismatches: number;
}

const cell = "px-4 py-3 align-top";

function HistoryRow({ row }: { row: HistoryRowView }) {
  const [open, setOpen] = useState(false);
  const panelId = `relations-${row.id}`;
  return (
    <tbody className="border-b border-gray-100 last:border-b-0" data-entity-id={row.id}>
      <tr className={open ? "bg-gray-50/60" : undefined}>
        <td className={cell}>
          <div className="flex items-start gap-2">
            <EntityIcon type={row.sourceType} />
            <div className="min-w-0">
              <a href={row.sourceWebUrl} target="_blank" rel="noreferrer noopener" className="inline-flex items-center gap-1 break-all font-medium">
                {row.sourceFullPath}
                <ExternalIcon />
                <span className="sr-only">(opens the source instance)</span>
              </a>
              <p className="text-xs text-gray-500">
                {row.sourceHost}
                {row.owner ? <> · by @{row.owner}</> : null}
              </p>
            </div>
          </div>
        </td>
        <td className={cell}>
          <div className="flex items-start gap-2">
            <EntityIcon type={row.sourceType} />
            {row.destinationHref ? (
              <Link href={row.destinationHref} className="break-all">
                {row.destinationFullPath}
              </Link>
            ) : (
              <span className="break-all text-gray-600" title="Not created yet">
                {row.destinationFullPath}
              </span>
            )}
          </div>
        </td>
        <td className={`${cell} whitespace-nowrap text-gray-700`}>
          <time dateTime={row.startedIso} title={row.startedTitle}>
            {row.startedLabel}
          </time>
        </td>
        <td className={cell}>
          <div className="flex flex-col items-start gap-1.5">
            <StatusBadge status={row.status} />
            {row.progress ? (
              <div className="flex flex-col gap-1">
                <ProgressBar value={row.progress.percent} label={`Progress of ${row.sourceFullPath}`} valueText={`${row.progress.percent}%, ${row.progress.relations}, ${row.progress.items}`} />
                <span className="text-xs leading-tight text-gray-500">
                  {row.progress.relations}
                  <br />
                  {row.progress.items}
                </span>
              </div>
            ) : null}
            {row.failuresHref ? (
              <Link href={row.failuresHref} className="text-sm">
                Show errors{row.failuresLabel ? ` (${row.failuresLabel})` : ""} ›
              </Link>
            ) : null}
          </div>
        </td>
        <td className={`${cell} text-right`}>
          <div className="flex flex-col items-end gap-1.5">
            <Link href={row.detailsHref} className="text-sm whitespace-nowrap" aria-label={`Details of the import of ${row.sourceFullPath}`}>
              Details
            </Link>
            {row.relations.length > 0 ? (
              <button
                type="button"
                onClick={() => setOpen((v) => !v)}
                aria-expanded={open}
                aria-controls={panelId}
                className="inline-flex items-center gap-1 whitespace-nowrap rounded-md px-1.5 py-0.5 text-sm text-gray-700 hover:bg-gray-100 focus-visible:outline-2 focus-visible:outline-brand-600"
              >
                <svg viewBox="0 0 16 16" aria-hidden="true" className={`h-3 w-3 transition-transform ${open ? "rotate-90" : ""}`}>
                  <path d="M6 3.5L10.5 8 6 12.5" fill="none" stroke="currentColor" strokeWidth="1.8" strokeLinecap="round" strokeLinejoin="round" />
                </svg>
                {row.relations.length === 1 ? "1 relation" : `${row.relations.length} relations`}
                {row.mismatches > 0 ? (
                  <span className="ml-0.5 rounded-full bg-amber-100 px-1.5 text-xs font-medium text-amber-800" title="Relations whose imported count differs from the source's">
                    {row.mismatches}
                    <span className="sr-only"> with differences</span>
                  </span>
                ) : null}
              </button>
            ) : null}
          </div>
        </td>
      </tr>
      {open ? (
        <tr id={panelId}>
          <td colSpan={5} className="bg-gray-50/60 px-4 pb-4 pt-0">
            <RelationsTable relations={row.relations} caption={`Relations of ${row.sourceFullPath}`} />
          </td>
        </tr>
      ) : null}
    </tbody>
  );
}

function RelationsTable({ relations, caption }: { relations: RelationView[]; caption: string }) {
  const head = "px-3 py-2 text-left text-xs font-medium uppercase tracking-wide text-gray-500";
  const num = "px-3 py-1.5 text-right tabular-nums";
  return (
    <table className="w-full overflow-hidden rounded-md border border-gray-200 bg-white text-sm">
      <caption className="sr-only">{caption}</caption>
      <thead className="bg-gray-50">
        <TableHeadRow cellClassName={head} columns={[{ label: "Relation" }, { label: "Imported", align: "right" }, { label: "Fetched", align: "right" }, { label: "Source", align: "right" }, { label: "Status" }]} />
      </thead>
      <tbody className="divide-y divide-gray-100">
        {relations.map((r) => (
          <tr key={r.key} className={r.mismatch ? "bg-amber-50" : undefined} data-mismatch={r.mismatch || undefined}>
            <th scope="row" className="px-3 py-1.5 text-left font-normal text-gray-900">
              {r.label}
              {r.message ? <p className="text-xs text-gray-500">{r.message}</p> : null}
            </th>
            <td className={`${num} ${r.mismatch ? "font-semibold text-amber-900" : ""}`}>
              {r.mismatch ? (
                <span className="inline-flex items-center gap-1" title="Imported differs from the source's count">
                  <svg viewBox="0 0 16 16" className="h-3.5 w-3.5 text-amber-600" aria-hidden="true">
                    <path d="M8 2.5l6 10.5H2z" fill="none" stroke="currentColor" strokeWidth="1.4" strokeLinejoin="round" />
                    <path d="M8 6.5v3M8 11.2v.1" stroke="currentColor" strokeWidth="1.5" strokeLinecap="round" />
                  </svg>
                  {r.imported}
                  <span className="sr-only"> (differs from the source)</span>
                </span>
              ) : (
                r.imported
              )}
              <RelationFailuresLink entityId={r.entityId} relation={r.relation} failures={r.failures} />
            </td>
            <td className={num}>{r.fetched}</td>
            <td className={num}>{r.source}</td>
            <td className="px-3 py-1.5">
              <StatusBadge status={r.status} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function HistoryTable({ rows }: { rows: HistoryRowView[] }) {
  const head = "px-4 py-2.5 text-left text-xs font-semibold uppercase tracking-wide text-gray-600";
  return (
    <div className="overflow-x-auto rounded-lg border border-gray-200 bg-white">
      <table className="w-full min-w-[52rem] text-sm">
        <caption className="sr-only">Imported groups and projects, newest first</caption>
        <thead className="border-b border-gray-200 bg-gray-50">
          <tr>
            <th scope="col" className={`${head} w-[30%]`}>
              Source
            </th>
            <th scope="col" className={`${head} w-[28%]`}>
              Destination
            </th>
            <th scope="col" className={head}>
              Start date
            </th>
            <th scope="col" className={head}>
              Status
            </th>
            <th scope="col" className={head}>
              <span className="sr-only">Actions</span>
            </th>
          </tr>
        </thead>
        {rows.map((row) => (
          <HistoryRow key={row.id} row={row} />
        ))}
      </table>
    </div>
  );
}
