import { IssuableList, type IssuableLinkItem } from "@/components/content/issuable-list";
import type { LabelChipItem } from "@/components/content/label-chips";
import type { PersonItem } from "@/components/content/person";
import { When } from "@/components/content/when";
import { StateBadge } from "@/components/content/state-badge";

export interface MergeRequestListItem extends Omit<IssuableLinkItem, "confidential"> {
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

const counted = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/**
 * A project's or group's merge requests as GitLab lists them: a Draft mark before the title, the target branch and
 * milestone on the second line; state, assignees, reviewers, votes and comments on the right, and when it was updated.
 * `reference` is `!7`, or `group/project!7` in a group's list.
 */
export function MergeRequestList({ items, empty, showState }: { items: MergeRequestListItem[]; empty: string; showState: boolean }) {
  return (
    <IssuableList
      noun="merge requests"
      empty={empty}
      items={items.map((mr) => ({
        ...mr,
        // Merge requests are never confidential, and their list does not say when one closed.
        confidential: false,
        closedAt: null,
        flag: mr.draft ? <span className="rounded bg-gray-100 px-1.5 text-xs text-gray-600">Draft</span> : null,
        details: [
          <span key="target" className="inline-flex items-center gap-1" title="Target branch">
            <span className="sr-only">Target branch </span>
            <span className="font-mono">{mr.targetBranch}</span>
          </span>,
          ...(mr.milestone ? [<span key="milestone" title="Milestone">{mr.milestone}</span>] : []),
        ],
        aside: (
          <>
            <div className="flex items-center gap-2">
              {showState || mr.state !== "opened" ? <StateBadge state={mr.state} mergeRequest /> : null}
              {mr.assignees.length ? <span title={`Assigned to ${mr.assignees.map((a) => a.name).join(", ")}`}>{counted(mr.assignees.length, "assignee", "assignees")}</span> : null}
              {mr.reviewers.length ? <span title={`Reviewers: ${mr.reviewers.map((a) => a.name).join(", ")}`}>{counted(mr.reviewers.length, "reviewer", "reviewers")}</span> : null}
              {mr.upvotes ? <span>{counted(mr.upvotes, "upvote", "upvotes")}</span> : null}
              <span>{counted(mr.notes, "comment", "comments")}</span>
            </div>
            <span>
              updated <When date={mr.updatedAt} />
            </span>
          </>
        ),
      }))}
    />
  );
}
