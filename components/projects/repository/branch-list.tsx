import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { TimeAgo } from "@/components/ui/time-ago";
import type { Branch } from "@/lib/repositories";
import { commitUrl, commitsUrl, treeUrl } from "../project-urls";

export interface BranchRow {
  branch: Branch;
  protected: boolean;
  /** Against the default branch; null for the default branch itself (or when it is unknown). */
  divergence: { ahead: number; behind: number } | null;
}

/** GitLab's divergence graph: commits behind the default branch to the left, ahead to the right, bars scaled alike. */
function Divergence({ ahead, behind, scale }: { ahead: number; behind: number; scale: number }) {
  const width = (count: number) => `${count === 0 ? 0 : Math.max(6, Math.round((Math.log10(count + 1) / Math.log10(scale + 1)) * 100))}%`;
  return (
    <div className="flex w-40 items-center text-xs text-gray-600" title={`${behind} commits behind, ${ahead} commits ahead of the default branch`}>
      <span className="sr-only">{`${behind} behind, ${ahead} ahead of the default branch`}</span>
      <div aria-hidden="true" className="flex flex-1 flex-col items-end pr-1">
        <span>{behind}</span>
        <span className="h-1 rounded-l bg-gray-400" style={{ width: width(behind) }} />
      </div>
      <div aria-hidden="true" className="h-5 w-px bg-gray-300" />
      <div aria-hidden="true" className="flex flex-1 flex-col items-start pl-1">
        <span>{ahead}</span>
        <span className="h-1 rounded-r bg-brand-500" style={{ width: width(ahead) }} />
      </div>
    </div>
  );
}

/** A page of branches: name and badges, last commit, and how far each is from the default branch. */
export function BranchList({ rows, fullPath }: { rows: BranchRow[]; fullPath: string }) {
  const scale = Math.max(1, ...rows.flatMap((row) => (row.divergence ? [row.divergence.ahead, row.divergence.behind] : [])));
  return (
    <ul className="divide-y divide-gray-100 rounded-lg border border-gray-200 bg-white">
      {rows.map(({ branch, protected: isProtected, divergence }) => (
        <li key={branch.name} className="flex flex-wrap items-center justify-between gap-4 px-4 py-3">
          <div className="min-w-0 flex-1">
            <div className="flex flex-wrap items-center gap-2">
              <Link href={treeUrl(fullPath, branch.name)} className="font-mono text-sm font-semibold break-all text-gray-900 hover:text-brand-700 hover:underline">
                {branch.name}
              </Link>
              {branch.default ? <Badge tone="info">default</Badge> : null}
              {isProtected ? <Badge tone="success">protected</Badge> : null}
              {branch.merged ? <Badge>merged</Badge> : null}
            </div>
            <p className="mt-1 truncate text-xs text-gray-600">
              <Link href={commitUrl(fullPath, branch.commit.id)} className="font-mono">
                {branch.commit.short_id}
              </Link>
              {" · "}
              <Link href={commitUrl(fullPath, branch.commit.id)} className="text-gray-700 hover:underline" title={branch.commit.title}>
                {branch.commit.title}
              </Link>
              {" · "}
              <TimeAgo date={branch.commit.committed_date} />
            </p>
          </div>
          <div className="flex items-center gap-4">
            {divergence ? <Divergence ahead={divergence.ahead} behind={divergence.behind} scale={scale} /> : null}
            <Link href={commitsUrl(fullPath, branch.name)} className="text-sm">
              Commits
            </Link>
          </div>
        </li>
      ))}
    </ul>
  );
}
