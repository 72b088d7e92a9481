import Link from "next/link";
import type { RepositoryStatistics } from "@/lib/repositories";
import { formatBytes } from "../repository/size";
import { commitsUrl, projectPageUrl } from "../project-urls";

/** "1 Commit", "1,204 Commits"; the noun alone when the count took too long to know. */
function Count({ n, one, many }: { n: number | null; one: string; many: string }) {
  if (n === null) return <>{many}</>;
  return (
    <>
      <strong className="font-semibold text-gray-900">{n.toLocaleString("en")}</strong> {n === 1 ? one : many}
    </>
  );
}

/** GitLab's project statistics line: commits, branches and tags (each a link to its page) and the size on disk. */
export function RepositoryStats({ fullPath, refName, stats }: { fullPath: string; refName: string; stats: RepositoryStatistics }) {
  const item = "inline-flex items-center gap-1.5 rounded-md px-2 py-1 text-sm text-gray-700 hover:bg-gray-100 hover:text-gray-900";
  return (
    <ul aria-label="Project statistics" className="flex flex-wrap items-center gap-1">
      <li>
        <Link href={commitsUrl(fullPath, refName)} className={item}>
          <Count n={stats.commit_count} one="Commit" many="Commits" />
        </Link>
      </li>
      <li>
        <Link href={projectPageUrl(fullPath, "branches")} className={item}>
          <Count n={stats.branch_count} one="Branch" many="Branches" />
        </Link>
      </li>
      <li>
        <Link href={projectPageUrl(fullPath, "tags")} className={item}>
          <Count n={stats.tag_count} one="Tag" many="Tags" />
        </Link>
      </li>
      <li className="px-2 py-1 text-sm text-gray-700">
        <strong className="font-semibold text-gray-900">{formatBytes(stats.repository_size)}</strong> Project Storage
      </li>
    </ul>
  );
}
