import Link from "next/link";
import type { ReactNode } from "react";
import type { ResolvedReferences } from "@/lib/markdown";
import { IssuableView, type IssuableFields } from "@/components/content/issuable-view";
import { formatDateTime, formatDay } from "@/components/content/format";
import { LabelChips } from "@/components/content/label-chips";
import { SideItem } from "@/components/content/side-item";
import { ConfidentialBadge } from "@/components/content/confidential-badge";
import { IssuableLinks } from "@/components/content/issuable-links";
import type { EpicLinkItem } from "./epics-list";

export interface EpicDate {
  /** The date set by hand wins over the inherited one (from milestones and child epics) when `fixed`. */
  fixed: boolean;
  fixedDate: string | null;
  inheritedDate: string | null;
}

export interface EpicViewItem extends IssuableFields {
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

/** The epic page: header, description, reactions, child epics and the activity, with GitLab's sidebar on the right. */
export function EpicView({ epic, listHref, epicHref, references, activity }: { epic: EpicViewItem; listHref: string; epicHref: (iid: number) => string; references?: ResolvedReferences; activity: ReactNode }) {
  return (
    <IssuableView
      item={{ ...epic, kind: "Epic", shortReference: epic.reference.slice(epic.reference.lastIndexOf("&")) }}
      listName="Epics"
      listHref={listHref}
      epicHref={epicHref}
      references={references}
      activity={activity}
      sections={
        <IssuableLinks
          id="children"
          heading="Child epics"
          empty="No child epics."
          items={epic.children.map((child) => ({ ...child, note: child.confidential ? <ConfidentialBadge /> : null }))}
        />
      }
      sidebar={
        <>
          <SideItem label="Labels">{epic.labels.length ? <LabelChips labels={epic.labels} /> : <span className="text-gray-500">None</span>}</SideItem>
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
        </>
      }
    />
  );
}
