import Link from "next/link";
import type { ReactNode } from "react";
import { Markdown } from "@/components/ui/markdown";
import { formatDay } from "@/components/content/format";
import { iterationPeriod, IterationStateBadge, type IterationItem } from "./iterations-list";

export interface IterationViewItem extends Omit<IterationItem, "id" | "href"> {
  /** Null for an iteration outside any cadence (GitLab's legacy iterations). */
  cadence: string | null;
}

function SideItem({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="border-b border-gray-200 py-3 last:border-b-0">
      <dt className="mb-1 text-xs font-semibold tracking-wide text-gray-500 uppercase">{label}</dt>
      <dd className="text-sm text-gray-900">{children}</dd>
    </div>
  );
}

/**
 * GitLab's iteration page: state, dates, title (the dates when untitled, as the list names it) and description. Its
 * issue report stays empty, and says why: Ferry does not import issues yet.
 */
export function IterationView({ iteration, listHref }: { iteration: IterationViewItem; listHref: string }) {
  const period = iterationPeriod(iteration.startDate, iteration.dueDate);
  return (
    <article aria-labelledby="iteration-title">
      <nav aria-label="Breadcrumb" className="mb-3 text-sm text-gray-500">
        <Link href={listHref} className="hover:underline">
          Iterations
        </Link>{" "}
        <span aria-hidden="true">/</span> {iteration.cadence ?? "No cadence"} <span aria-hidden="true">/</span> <span className="text-gray-700">{period}</span>
      </nav>
      <div className="mb-3 flex flex-wrap items-center gap-2 text-sm text-gray-600">
        <IterationStateBadge state={iteration.state} />
        {iteration.title ? <span>{period}</span> : null}
      </div>
      <h2 id="iteration-title" className="mb-6 text-2xl font-semibold break-words text-gray-900">
        {iteration.title ?? period}
      </h2>
      <div className="grid gap-8 lg:grid-cols-[minmax(0,1fr)_16rem]">
        <div className="min-w-0 space-y-8">
          <section aria-label="Description">
            {iteration.description?.trim() ? <Markdown source={iteration.description} /> : <p className="text-sm text-gray-500 italic">No description.</p>}
          </section>
          <section aria-labelledby="iteration-issues-heading">
            <h3 id="iteration-issues-heading" className="mb-2 text-base font-semibold text-gray-900">
              Issues
            </h3>
            <p className="rounded-lg border border-dashed border-gray-300 bg-white px-6 py-8 text-center text-sm text-gray-600">Issues are not migrated yet, so this iteration has none in Ferry.</p>
          </section>
          <p className="text-sm">
            <Link href={listHref} className="text-brand-600 hover:underline">
              ← Back to iterations
            </Link>
          </p>
        </div>
        <aside aria-label="Iteration details" className="self-start rounded-lg border border-gray-200 bg-white px-4">
          <dl>
            <SideItem label="Cadence">{iteration.cadence ?? <span className="text-gray-500">None</span>}</SideItem>
            <SideItem label="Start date">{formatDay(iteration.startDate)}</SideItem>
            <SideItem label="Due date">{formatDay(iteration.dueDate)}</SideItem>
          </dl>
        </aside>
      </div>
    </article>
  );
}
