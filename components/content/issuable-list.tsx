import Link from "next/link";
import type { ReactNode } from "react";
import { formatDateTime, formatDay } from "./format";
import { LabelChips, type LabelChipItem } from "./label-chips";
import { Person, type PersonItem } from "./person";
import { ConfidentialBadge } from "./confidential-badge";
import { When } from "./when";
import { EmptyState } from "@/components/ui/empty-state";

/** What names an epic, an issue or a merge request and links to it wherever they are listed. */
export interface IssuableLinkItem {
  id: number;
  href: string;
  /** `#3`, `&3`, `sub/project#3`: relative to the page's project or group. */
  reference: string;
  title: string;
  state: string;
  confidential: boolean;
}

export interface IssuableListItem extends IssuableLinkItem {
  labels: LabelChipItem[];
  author: PersonItem | null;
  createdAt: Date;
  closedAt: Date | null;
  /** Before the title: a merge request's Draft mark. */
  flag?: ReactNode;
  /** More of the second line: a span of dates, a milestone... */
  details?: ReactNode[];
  /** The row's right side: state, counts, votes. */
  aside?: ReactNode;
}

/**
 * A list of epics, issues or merge requests as GitLab draws them: the title (and a confidential mark), then the reference, who opened it
 * and when, when it closed and what else the kind adds, then its labels (each filtering the list by its label).
 */
export function IssuableList({ items, noun, empty, labelHref }: { items: IssuableListItem[]; noun: string; empty: string; labelHref?: (title: string) => string }) {
  if (items.length === 0) return <EmptyState>{empty}</EmptyState>;
  const title = noun.charAt(0).toUpperCase() + noun.slice(1);
  return (
    <ul className="divide-y divide-gray-100 rounded-lg border border-gray-200 bg-white" aria-label={title}>
      {items.map((item) => (
        <li key={item.id} className="flex items-start justify-between gap-4 px-4 py-3">
          <div className="min-w-0 space-y-1">
            <p className="flex flex-wrap items-center gap-2">
              {item.flag}
              <Link href={item.href} className="font-medium text-gray-900 hover:text-brand-600 hover:underline">
                {item.title}
              </Link>
              {item.confidential ? <ConfidentialBadge /> : null}
            </p>
            <p className="flex flex-wrap items-center gap-x-1.5 text-xs text-gray-500">
              <span className="font-mono">{item.reference}</span>
              <span aria-hidden="true">·</span>
              <span>
                created <When date={item.createdAt} /> by
              </span>
              <Person person={item.author} showUsername={false} />
              {item.state === "closed" && item.closedAt ? (
                <>
                  <span aria-hidden="true">·</span>
                  <span>
                    closed <time dateTime={item.closedAt.toISOString()} title={formatDateTime(item.closedAt)}>{formatDay(item.closedAt)}</time>
                  </span>
                </>
              ) : null}
              {(item.details ?? []).map((detail, i) => (
                <span key={i} className="inline-flex items-center gap-x-1.5">
                  <span aria-hidden="true">·</span>
                  {detail}
                </span>
              ))}
            </p>
            <LabelChips labels={item.labels} hrefFor={labelHref} noun={noun} />
          </div>
          <div className="flex shrink-0 flex-col items-end gap-1.5 text-xs text-gray-500">{item.aside}</div>
        </li>
      ))}
    </ul>
  );
}
