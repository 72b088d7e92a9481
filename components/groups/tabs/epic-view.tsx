import Link from "next/link";
import type { ReactNode } from "react";
import { Markdown } from "@/components/ui/markdown";
import type { ResolvedReferences } from "@/lib/markdown";
import { Awards, type AwardItem } from "@/components/content/awards";
import { formatDateTime, formatDay, timeAgo } from "@/components/content/format";
import { EpicLabels, type EpicLabelItem } from "./epic-labels";
import { Person, type PersonItem } from "@/components/content/person";
import { ConfidentialBadge } from "@/components/content/confidential-badge";
import { EpicStateBadge } from "./epic-state-badge";
import type { EpicLinkItem } from "./epics-list";

export interface EpicDate {
  /** The date set by hand wins over the inherited one (from milestones and child epics) when `fixed`. */
  fixed: boolean;
  fixedDate: string | null;
  inheritedDate: string | null;
}

export interface EpicViewItem {
  title: string;
  /** `group/path&3`, as GitLab's sidebar shows it to copy. */
  reference: string;
  state: string;
  confidential: boolean;
  description: string | null;
  author: PersonItem | null;
  createdAt: Date;
  closedAt: Date | null;
  labels: EpicLabelItem[];
  awards: AwardItem[];
  startDate: EpicDate;
  dueDate: EpicDate;
  /** Null without a parent; without `href` when the parent exists but is not visible to the viewer. */
  parent: { reference: string; title?: string; href?: string } | null;
  children: EpicLinkItem[];
}

function DateValue({ date }: { date: EpicDate }) {
  const shown = date.fixed ? date.fixedDate : date.inheritedDate;
  if (!shown) return <span className="text-gray-500">None</span>;
  return (
    <span className="flex flex-wrap items-center gap-1.5">
      <span className="text-gray-900">{formatDay(shown)}</span>
      <span className="text-xs text-gray-500">{date.fixed ? "Fixed" : "Inherited"}</span>
    </span>
  );
}

function SideItem({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="border-b border-gray-200 py-3 last:border-b-0">
      <dt className="mb-1 text-xs font-semibold uppercase tracking-wide text-gray-500">{label}</dt>
      <dd className="text-sm">{children}</dd>
    </div>
  );
}

/** The epic page: header, description, reactions, child epics and the activity, with GitLab's sidebar on the right. */
export function EpicView({ epic, listHref, epicHref, references, activity }: { epic: EpicViewItem; listHref: string; epicHref: (iid: number) => string; references?: ResolvedReferences; activity: ReactNode }) {
  return (
    <article aria-labelledby="epic-title">
      <nav aria-label="Breadcrumb" className="mb-3 text-sm text-gray-500">
        <Link href={listHref}>Epics</Link> <span aria-hidden="true">/</span> <span className="font-mono">{epic.reference.slice(epic.reference.lastIndexOf("&"))}</span>
      </nav>
      <div className="mb-3 flex flex-wrap items-center gap-2 text-sm text-gray-600">
        <EpicStateBadge state={epic.state} />
        {epic.confidential ? <ConfidentialBadge /> : null}
        <span>
          Epic created <time dateTime={epic.createdAt.toISOString()} title={formatDateTime(epic.createdAt)}>{timeAgo(epic.createdAt)}</time> by
        </span>
        <Person person={epic.author} />
      </div>
      <h2 id="epic-title" className="mb-6 text-2xl font-semibold break-words text-gray-900">
        {epic.title}
      </h2>
      <div className="grid gap-8 lg:grid-cols-[minmax(0,1fr)_16rem]">
        <div className="min-w-0 space-y-8">
          <section aria-label="Description" className="space-y-4">
            {epic.description?.trim() ? <Markdown source={epic.description} epicHref={epicHref} references={references} /> : <p className="text-sm text-gray-500 italic">No description.</p>}
            <Awards awards={epic.awards} label="Reactions to the epic" />
          </section>
          <section aria-labelledby="children-heading">
            <h3 id="children-heading" className="mb-2 text-base font-semibold text-gray-900">
              Child epics <span className="text-sm font-normal text-gray-500">({epic.children.length})</span>
            </h3>
            {epic.children.length === 0 ? (
              <p className="text-sm text-gray-500">No child epics.</p>
            ) : (
              <ul className="divide-y divide-gray-100 rounded-lg border border-gray-200 bg-white" aria-label="Child epics">
                {epic.children.map((child) => (
                  <li key={child.id} className="flex items-center justify-between gap-3 px-4 py-2 text-sm">
                    <span className="flex min-w-0 items-center gap-2">
                      <Link href={child.href} className="truncate font-medium text-gray-900 hover:text-brand-600 hover:underline">
                        {child.title}
                      </Link>
                      <span className="shrink-0 font-mono text-xs text-gray-500">{child.reference}</span>
                      {child.confidential ? <ConfidentialBadge /> : null}
                    </span>
                    <EpicStateBadge state={child.state} />
                  </li>
                ))}
              </ul>
            )}
          </section>
          <section aria-labelledby="activity-heading">
            <h3 id="activity-heading" className="mb-3 text-base font-semibold text-gray-900">
              Activity
            </h3>
            {activity}
          </section>
        </div>
        <aside aria-label="Epic details" className="self-start rounded-lg border border-gray-200 bg-white px-4">
          <dl>
            <SideItem label="Labels">{epic.labels.length ? <EpicLabels labels={epic.labels} /> : <span className="text-gray-500">None</span>}</SideItem>
            <SideItem label="Start date">
              <DateValue date={epic.startDate} />
            </SideItem>
            <SideItem label="Due date">
              <DateValue date={epic.dueDate} />
            </SideItem>
            <SideItem label="Parent">
              {epic.parent ? (
                epic.parent.href ? (
                  <Link href={epic.parent.href} className="break-words">
                    {epic.parent.title} <span className="font-mono text-xs text-gray-500">{epic.parent.reference}</span>
                  </Link>
                ) : (
                  <span className="font-mono text-gray-600">{epic.parent.reference}</span>
                )
              ) : (
                <span className="text-gray-500">None</span>
              )}
            </SideItem>
            {epic.closedAt ? (
              <SideItem label="Closed">
                <time dateTime={epic.closedAt.toISOString()} title={formatDateTime(epic.closedAt)}>
                  {formatDay(epic.closedAt)}
                </time>
              </SideItem>
            ) : null}
            <SideItem label="Reference">
              <span className="font-mono text-xs break-all text-gray-700">{epic.reference}</span>
            </SideItem>
          </dl>
        </aside>
      </div>
    </article>
  );
}
