import { Awards, type AwardItem } from "@/components/content/awards";
import { formatDay } from "@/components/content/format";
import { IssuableList, type IssuableLinkItem } from "@/components/content/issuable-list";
import type { LabelChipItem } from "@/components/content/label-chips";
import type { PersonItem } from "@/components/content/person";
import { StateBadge } from "@/components/content/state-badge";

export interface IssueListItem extends IssuableLinkItem {
  labels: LabelChipItem[];
  author: PersonItem | null;
  assignees: PersonItem[];
  createdAt: Date;
  closedAt: Date | null;
  milestone: string | null;
  dueDate: string | null;
  weight: number | null;
  userNotesCount: number;
  awards: AwardItem[];
}

/** A project's or group's issues as GitLab lists them: milestone, due date and weight on the second line; assignees, comments and votes on the right. */
export function IssuesList({ issues, empty, showState, labelHref }: { issues: IssueListItem[]; empty: string; showState: boolean; labelHref?: (title: string) => string }) {
  return (
    <IssuableList
      noun="issues"
      empty={empty}
      labelHref={labelHref}
      items={issues.map((issue) => ({
        ...issue,
        details: [
          ...(issue.milestone ? [<span key="milestone" title="Milestone">%{issue.milestone}</span>] : []),
          ...(issue.dueDate ? [<span key="due" title="Due date">Due {formatDay(issue.dueDate)}</span>] : []),
          ...(issue.weight !== null ? [<span key="weight" title="Weight">Weight {issue.weight}</span>] : []),
        ],
        aside: (
          <>
            {showState ? <StateBadge state={issue.state} /> : null}
            {issue.assignees.length ? <span title="Assignees">{issue.assignees.map((a) => `@${a.username}`).join(", ")}</span> : null}
            <span className="flex items-center gap-2">
              <Awards awards={issue.awards.filter((a) => a.name === "thumbsup" || a.name === "thumbsdown")} label={`Votes on ${issue.title}`} />
              {issue.userNotesCount > 0 ? <span>{issue.userNotesCount === 1 ? "1 comment" : `${issue.userNotesCount} comments`}</span> : null}
            </span>
          </>
        ),
      }))}
    />
  );
}
