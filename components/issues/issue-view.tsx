import Link from "next/link";
import type { ReactNode } from "react";
import { formatDay } from "@/components/content/format";
import { IssuableView, type IssuableFields } from "@/components/content/issuable-view";
import type { ResolvedReferences } from "@/lib/markdown";
import { LabelChips } from "@/components/content/label-chips";
import { Person, type PersonItem } from "@/components/content/person";
import { SideItem } from "@/components/content/side-item";
import { IssuableLinks } from "@/components/content/issuable-links";
import { IssueDesigns, type DesignCard } from "./issue-designs";

export interface IssueViewItem extends IssuableFields {
  iid: number;
  closedBy: PersonItem | null;
  assignees: PersonItem[];
  milestone: { title: string; href: string } | null;
  epic: { title: string; reference: string; href: string } | null;
  iteration: { title: string; span: string } | null;
  weight: number | null;
  dueDate: string | null;
  /** Seconds. */
  timeEstimate: number;
  totalTimeSpent: number;
  relatedMergeRequests: { id: number; iid: number; title: string; state: string; closes: boolean; href: string }[];
  designs: DesignCard[];
}

/** GitLab's human time: 1w 2d 3h 30m (a week of 5 days, a day of 8 hours), `0h` for nothing. */
export function humanTime(seconds: number): string {
  if (seconds <= 0) return "0h";
  const parts: string[] = [];
  let rest = Math.round(seconds / 60);
  for (const [unit, minutes] of [["mo", 4 * 5 * 8 * 60], ["w", 5 * 8 * 60], ["d", 8 * 60], ["h", 60], ["m", 1]] as const) {
    if (rest >= minutes) {
      parts.push(`${Math.floor(rest / minutes)}${unit}`);
      rest %= minutes;
    }
  }
  return parts.join(" ") || "0h";
}

const none = <span className="text-gray-500">None</span>;

function TimeTracking({ estimate, spent }: { estimate: number; spent: number }) {
  if (!estimate && !spent) return <span className="text-gray-500">No estimate or time spent</span>;
  return (
    <span className="flex flex-col gap-1">
      <span>Spent: {humanTime(spent)}</span>
      <span>Estimate: {estimate ? humanTime(estimate) : "None"}</span>
      {estimate ? (
        <span className="h-1.5 w-full overflow-hidden rounded-full bg-gray-200" aria-hidden="true">
          <span className={`block h-full ${spent > estimate ? "bg-red-500" : "bg-green-500"}`} style={{ width: `${Math.min(100, Math.round((spent / estimate) * 100))}%` }} />
        </span>
      ) : null}
    </span>
  );
}

/** The issue page: GitLab's header, description, related merge requests and activity, with its sidebar on the right. */
export function IssueView({ issue, listHref, references, activity }: { issue: IssueViewItem; listHref: string; references?: ResolvedReferences; activity: ReactNode }) {
  return (
    <IssuableView
      references={references}
      item={{ ...issue, kind: "Issue", shortReference: `#${issue.iid}` }}
      listName="Issues"
      listHref={listHref}
      activity={activity}
      sections={
        <>
          <IssueDesigns designs={issue.designs} />
          <IssuableLinks
          id="related-mrs"
          heading="Related merge requests"
          empty="No merge request mentions this issue."
          items={issue.relatedMergeRequests.map((mr) => ({ ...mr, reference: `!${mr.iid}`, note: mr.closes ? <span className="shrink-0 text-xs text-gray-500">closes this issue</span> : null }))}
          />
        </>
      }
      sidebar={
        <>
          <SideItem label="Assignees">
            {issue.assignees.length ? (
              <ul className="space-y-1">
                {issue.assignees.map((person) => (
                  <li key={person.username}>
                    <Person person={person} />
                  </li>
                ))}
              </ul>
            ) : (
              none
            )}
          </SideItem>
          <SideItem label="Labels">{issue.labels.length ? <LabelChips labels={issue.labels} /> : none}</SideItem>
          <SideItem label="Milestone">{issue.milestone ? <Link href={issue.milestone.href}>{issue.milestone.title}</Link> : none}</SideItem>
          <SideItem label="Epic">
            {issue.epic ? (
              <Link href={issue.epic.href} className="break-words">
                {issue.epic.title} <span className="font-mono text-xs text-gray-500">{issue.epic.reference}</span>
              </Link>
            ) : (
              none
            )}
          </SideItem>
          <SideItem label="Iteration">
            {issue.iteration ? (
              <span className="flex flex-col">
                <span>{issue.iteration.title}</span>
                <span className="text-xs text-gray-500">{issue.iteration.span}</span>
              </span>
            ) : (
              none
            )}
          </SideItem>
          <SideItem label="Weight">{issue.weight !== null ? issue.weight : none}</SideItem>
          <SideItem label="Due date">{issue.dueDate ? formatDay(issue.dueDate) : none}</SideItem>
          <SideItem label="Time tracking">
            <TimeTracking estimate={issue.timeEstimate} spent={issue.totalTimeSpent} />
          </SideItem>
          {issue.closedAt ? (
            <SideItem label="Closed">
              <span className="flex flex-wrap items-center gap-1">
                {formatDay(issue.closedAt)}
                {issue.closedBy ? (
                  <>
                    by <Person person={issue.closedBy} showUsername={false} />
                  </>
                ) : null}
              </span>
            </SideItem>
          ) : null}
          <SideItem label="Confidentiality">{issue.confidential ? "Confidential: only project members with at least the Reporter role, the author and assignees can see it." : "Not confidential"}</SideItem>
        </>
      }
    />
  );
}
