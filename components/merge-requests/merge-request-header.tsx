import { Person, type PersonItem } from "@/components/content/person";
import { When } from "@/components/content/when";
import { NavTabs } from "@/components/ui/nav-tabs";
import { StateBadge } from "@/components/content/state-badge";

export type MergeRequestTabKey = "overview" | "commits" | "pipelines" | "diffs";

export interface MergeRequestHeaderItem {
  iid: number;
  title: string;
  state: string;
  draft: boolean;
  author: PersonItem | null;
  createdAt: Date;
  sourceBranch: string;
  targetBranch: string;
}

/**
 * The top of a merge request's pages, as GitLab's: its title and state, "<author> requested to merge <source> into
 * <target>", and the Overview, Commits, Pipelines and Changes tabs with their counts.
 */
export function MergeRequestHeader({ mr, current, hrefs, counts }: { mr: MergeRequestHeaderItem; current: MergeRequestTabKey; hrefs: Record<MergeRequestTabKey, string>; counts: { notes: number; commits: number; pipelines: number | null; changes: string | null } }) {
  return (
    <header className="mb-2">
      <h2 id="mr-title" className="text-xl font-semibold break-words text-gray-900">
        {mr.draft ? <span className="mr-2 text-gray-500">Draft:</span> : null}
        {mr.title}
      </h2>
      <p className="mt-2 flex flex-wrap items-center gap-x-1.5 gap-y-1 text-sm text-gray-600">
        <StateBadge state={mr.state} mergeRequest />
        <span className="font-mono text-gray-500">{`!${mr.iid}`}</span>
        <Person person={mr.author} showUsername={false} />
        <span>requested to merge</span>
        <code className="rounded bg-blue-50 px-1.5 text-xs text-blue-800">{mr.sourceBranch}</code>
        <span>into</span>
        <code className="rounded bg-blue-50 px-1.5 text-xs text-blue-800">{mr.targetBranch}</code>
        <When date={mr.createdAt} />
      </p>
      <div className="mt-4">
        <NavTabs
          label="Merge request"
          current={current}
          tabs={[
            { key: "overview", label: "Overview", href: hrefs.overview, count: counts.notes },
            { key: "commits", label: "Commits", href: hrefs.commits, count: counts.commits },
            ...(counts.pipelines !== null ? [{ key: "pipelines", label: "Pipelines", href: hrefs.pipelines, count: counts.pipelines }] : []),
            { key: "diffs", label: "Changes", href: hrefs.diffs, ...(counts.changes !== null ? { count: counts.changes } : {}) },
          ]}
        />
      </div>
    </header>
  );
}
