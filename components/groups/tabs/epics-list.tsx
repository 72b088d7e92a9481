import Link from "next/link";
import { Awards, type AwardItem } from "@/components/content/awards";
import { formatDateTime, formatDay, formatSpan, timeAgo } from "@/components/content/format";
import { EpicLabels, type EpicLabelItem } from "./epic-labels";
import { Person, type PersonItem } from "@/components/content/person";
import { ConfidentialBadge } from "@/components/content/confidential-badge";
import { EpicStateBadge } from "./epic-state-badge";

/** What names an epic and links to it wherever epics are listed: a group's epics, an epic's children. */
export interface EpicLinkItem {
  id: number;
  href: string;
  /** `&3`, or `sub&3` for an epic of a subgroup. */
  reference: string;
  title: string;
  state: string;
  confidential: boolean;
}

export interface EpicListItem extends EpicLinkItem {
  labels: EpicLabelItem[];
  author: PersonItem | null;
  createdAt: Date;
  closedAt: Date | null;
  startDate: string | null;
  dueDate: string | null;
  childCount: number;
  awards: AwardItem[];
}

export function EpicsList({ epics, empty, showState, labelHref }: { epics: EpicListItem[]; empty: string; showState: boolean; labelHref?: (title: string) => string }) {
  if (epics.length === 0) return <p className="rounded-lg border border-dashed border-gray-300 bg-white px-6 py-10 text-center text-sm text-gray-600">{empty}</p>;
  return (
    <ul className="divide-y divide-gray-100 rounded-lg border border-gray-200 bg-white" aria-label="Epics">
      {epics.map((epic) => {
        const span = formatSpan(epic.startDate, epic.dueDate);
        return (
          <li key={epic.id} className="flex items-start justify-between gap-4 px-4 py-3">
            <div className="min-w-0 space-y-1">
              <p className="flex flex-wrap items-center gap-2">
                <Link href={epic.href} className="font-medium text-gray-900 hover:text-brand-600 hover:underline">
                  {epic.title}
                </Link>
                {epic.confidential ? <ConfidentialBadge /> : null}
              </p>
              <p className="flex flex-wrap items-center gap-x-1.5 text-xs text-gray-500">
                <span className="font-mono">{epic.reference}</span>
                <span aria-hidden="true">·</span>
                <span>
                  created <time dateTime={epic.createdAt.toISOString()} title={formatDateTime(epic.createdAt)}>{timeAgo(epic.createdAt)}</time> by
                </span>
                <Person person={epic.author} showUsername={false} />
                {epic.state === "closed" && epic.closedAt ? (
                  <>
                    <span aria-hidden="true">·</span>
                    <span>
                      closed <time dateTime={epic.closedAt.toISOString()} title={formatDateTime(epic.closedAt)}>{formatDay(epic.closedAt)}</time>
                    </span>
                  </>
                ) : null}
                {span ? (
                  <>
                    <span aria-hidden="true">·</span>
                    <span>{span}</span>
                  </>
                ) : null}
              </p>
              <EpicLabels labels={epic.labels} hrefFor={labelHref} />
            </div>
            <div className="flex shrink-0 flex-col items-end gap-1.5 text-xs text-gray-500">
              {showState ? <EpicStateBadge state={epic.state} /> : null}
              {epic.childCount > 0 ? <span>{epic.childCount === 1 ? "1 child epic" : `${epic.childCount} child epics`}</span> : null}
              <Awards awards={epic.awards.filter((a) => a.name === "thumbsup" || a.name === "thumbsdown")} label={`Votes on ${epic.title}`} />
            </div>
          </li>
        );
      })}
    </ul>
  );
}
