import type { ReactNode } from "react";
import { Person, type PersonItem } from "@/components/content/person";
import { LabelChips, type LabelChipItem } from "@/components/content/label-chips";
import { When } from "@/components/content/when";

const REVIEW_STATES: Record<string, string> = { approved: "Approved", requested_changes: "Requested changes", reviewed: "Reviewed", unreviewed: "Review requested", unapproved: "Review requested" };

function Block({ title, children }: { title: string; children: ReactNode }) {
  return (
    <section aria-label={title} className="border-b border-gray-200 py-3 last:border-b-0">
      <h3 className="mb-1.5 text-xs font-semibold text-gray-900">{title}</h3>
      <div className="text-sm text-gray-700">{children}</div>
    </section>
  );
}

const None = ({ text }: { text: string }) => <p className="text-gray-500">{text}</p>;

function Stamp({ what, by, at }: { what: string; by: PersonItem | null; at: Date | null }) {
  return (
    <p className="flex flex-wrap items-center gap-x-1">
      {what} by <Person person={by} showUsername={false} />
      {at ? <When date={at} /> : null}
    </p>
  );
}

/** The right column of a merge request's Overview, as GitLab's: assignees, reviewers, approvals, labels, milestone. */
export function MergeRequestSidebar({
  assignees,
  reviewers,
  approvedBy,
  approvalsRequired,
  labels,
  milestone,
  merged,
  closed,
}: {
  assignees: PersonItem[];
  reviewers: (PersonItem & { state: string })[];
  approvedBy: PersonItem[];
  approvalsRequired: number;
  labels: LabelChipItem[];
  milestone: string | null;
  merged: { by: PersonItem | null; at: Date | null } | null;
  closed: { by: PersonItem | null; at: Date | null } | null;
}) {
  return (
    <aside aria-label="Merge request details" className="h-fit rounded-lg border border-gray-200 bg-white px-4">
      {merged ? (
        <Block title="Merged">
          <Stamp what="Merged" by={merged.by} at={merged.at} />
        </Block>
      ) : null}
      {closed ? (
        <Block title="Closed">
          <Stamp what="Closed" by={closed.by} at={closed.at} />
        </Block>
      ) : null}
      <Block title="Approvals">
        {approvedBy.length ? (
          <div className="space-y-1">
            <p className="font-medium text-green-700">{`Approved by ${approvedBy.length} ${approvedBy.length === 1 ? "person" : "people"}`}</p>
            <ul>
              {approvedBy.map((p) => (
                <li key={p.username}>
                  <Person person={p} showUsername={false} />
                </li>
              ))}
            </ul>
          </div>
        ) : (
          <None text={approvalsRequired ? `Requires ${approvalsRequired} ${approvalsRequired === 1 ? "approval" : "approvals"}.` : "Approval is optional."} />
        )}
      </Block>
      <Block title="Assignees">
        {assignees.length ? (
          <ul className="space-y-1">
            {assignees.map((p) => (
              <li key={p.username}>
                <Person person={p} />
              </li>
            ))}
          </ul>
        ) : (
          <None text="None" />
        )}
      </Block>
      <Block title="Reviewers">
        {reviewers.length ? (
          <ul className="space-y-1">
            {reviewers.map((p) => (
              <li key={p.username} className="flex flex-wrap items-center gap-x-1.5">
                <Person person={p} showUsername={false} />
                <span className="text-xs text-gray-500">{REVIEW_STATES[p.state] ?? p.state}</span>
              </li>
            ))}
          </ul>
        ) : (
          <None text="None" />
        )}
      </Block>
      <Block title="Labels">{labels.length ? <LabelChips labels={labels} /> : <None text="None" />}</Block>
      <Block title="Milestone">{milestone ? <p>{milestone}</p> : <None text="None" />}</Block>
    </aside>
  );
}
