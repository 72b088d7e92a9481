import { Badge } from "@/components/ui/badge";
import { Markdown } from "@/components/ui/markdown";
import { formatDay } from "./format";

export interface MilestoneViewItem {
  iid: number;
  title: string;
  description: string | null;
  state: string;
  startDate: string | null;
  dueDate: string | null;
  /** Past its due date and still open (GitLab's "Expired"). */
  expired: boolean;
}

/** A milestone's page as GitLab lays it out: state and title, its description, and its dates beside them. */
export function MilestoneView({ milestone, listHref }: { milestone: MilestoneViewItem; listHref: string }) {
  const open = milestone.state === "active";
  return (
    <article aria-label={`Milestone ${milestone.title}`} className="space-y-4">
      <p className="text-sm">
        <a href={listHref} className="text-brand-600 hover:underline">
          ← Milestones
        </a>
      </p>
      <div className="flex flex-wrap items-center gap-3">
        <Badge tone={open ? "success" : "neutral"}>{open ? "Open" : "Closed"}</Badge>
        {open && milestone.expired ? <Badge tone="warning">Expired</Badge> : null}
        <h1 className="text-xl font-semibold text-gray-900">{milestone.title}</h1>
        <span className="text-sm text-gray-500">%{milestone.iid}</span>
      </div>
      <div className="grid gap-6 md:grid-cols-[1fr_16rem]">
        <div className="rounded-lg border border-gray-200 bg-white p-4">
          {milestone.description ? <Markdown source={milestone.description} /> : <p className="text-sm text-gray-500">No description.</p>}
        </div>
        <dl className="space-y-3 rounded-lg border border-gray-200 bg-white p-4 text-sm">
          <div>
            <dt className="font-medium text-gray-900">Start date</dt>
            <dd className="text-gray-600">{milestone.startDate ? formatDay(milestone.startDate) : "None"}</dd>
          </div>
          <div>
            <dt className="font-medium text-gray-900">Due date</dt>
            <dd className="text-gray-600">{milestone.dueDate ? formatDay(milestone.dueDate) : "None"}</dd>
          </div>
        </dl>
      </div>
      <p className="rounded-md border border-blue-200 bg-blue-50 px-4 py-2 text-sm text-blue-800" role="note">
        Ferry does not import issues or merge requests yet, so this milestone shows none.
      </p>
    </article>
  );
}
