import Link from "next/link";
import { formatDateTime, timeAgo } from "@/components/content/format";
import { Person, type PersonItem } from "@/components/content/person";
import { LabelChips, type LabelChipItem } from "@/components/content/label-chips";
import { MergeRequestStateBadge } from "./merge-request-state-badge";

export interface MergeRequestListItem {
  id: number;
  href: string;
  /** `!7`, or `group/project!7` in a group's list. */
  reference: string;
  title: string;
  state: string;
  draft: boolean;
  author: PersonItem | null;
  createdAt: Date;
  updatedAt: Date;
  targetBranch: string;
  labels: LabelChipItem[];
  milestone: string | null;
  assignees: PersonItem[];
  reviewers: PersonItem[];
  notes: number;
  upvotes: number;
}

function When({ date }: { date: Date }) {
  return (
    <time dateTime={date.toISOString()} title={formatDateTime(date)}>
      {timeAgo(date)}
    </time>
  );
}

/** A list of merge requests as GitLab's: title, reference, author and target branch, labels; state and counts on the right. */
export function MergeRequestList({ items, empty, showState }: { items: MergeRequestListItem[]; empty: string; showState: boolean }) {
  if (items.length === 0) return <p className="rounded-lg border border-dashed border-gray-300 bg-white px-6 py-10 text-center text-sm text-gray-600">{empty}</p>;
  return (
    <ul className="divide-y divide-gray-100 rounded-lg border border-gray-200 bg-white" aria-label="Merge requests">
      {items.map((mr) => (
        <li key={mr.id} className="flex items-start justify-between gap-4 px-4 py-3">
          <div className="min-w-0 space-y-1">
            <p className="flex flex-wrap items-center gap-2">
              {mr.draft ? <span className="rounded bg-gray-100 px-1.5 text-xs text-gray-600">Draft</span> : null}
              <Link href={mr.href} className="font-medium text-gray-900 hover:text-brand-600 hover:underline">
                {mr.title}
              </Link>
            </p>
            <p className="flex flex-wrap items-center gap-x-1.5 text-xs text-gray-500">
              <span className="font-mono">{mr.reference}</span>
              <span aria-hidden="true">·</span>
              <span>
                created <When date={mr.createdAt} /> by
              </span>
              <Person person={mr.author} showUsername={false} />
              <span aria-hidden="true">·</span>
              <span className="inline-flex items-center gap-1" title="Target branch">
                <span className="sr-only">Target branch </span>
                <span className="font-mono">{mr.targetBranch}</span>
              </span>
              {mr.milestone ? (
                <>
                  <span aria-hidden="true">·</span>
                  <span title="Milestone">{mr.milestone}</span>
                </>
              ) : null}
            </p>
            <LabelChips labels={mr.labels} />
          </div>
          <div className="flex shrink-0 flex-col items-end gap-1.5 text-xs text-gray-500">
            <div className="flex items-center gap-2">
              {showState || mr.state !== "opened" ? <MergeRequestStateBadge state={mr.state} /> : null}
              {mr.assignees.length ? <span title={`Assigned to ${mr.assignees.map((a) => a.name).join(", ")}`}>{`${mr.assignees.length} ${mr.assignees.length === 1 ? "assignee" : "assignees"}`}</span> : null}
              {mr.reviewers.length ? <span title={`Reviewers: ${mr.reviewers.map((a) => a.name).join(", ")}`}>{`${mr.reviewers.length} ${mr.reviewers.length === 1 ? "reviewer" : "reviewers"}`}</span> : null}
              {mr.upvotes ? <span>{`${mr.upvotes} ${mr.upvotes === 1 ? "upvote" : "upvotes"}`}</span> : null}
              <span>{`${mr.notes} ${mr.notes === 1 ? "comment" : "comments"}`}</span>
            </div>
            <span>
              updated <When date={mr.updatedAt} />
            </span>
          </div>
        </li>
      ))}
    </ul>
  );
}
