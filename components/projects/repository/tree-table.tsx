import Link from "next/link";
import { Suspense } from "react";
import { TimeAgo } from "@/components/ui/time-ago";
import type { Commit, TreeItem } from "@/lib/repositories";
import { blobUrl, commitUrl, treeUrl } from "../project-urls";
import { EntryIcon } from "./entry-icon";

const cell = "px-4 py-2 align-middle";

/** The last commit of an entry, once the one walk for the whole page has answered (streamed in). */
async function LastCommitCells({ commits, name, fullPath }: { commits: Promise<Map<string, Commit>>; name: string; fullPath: string }) {
  const commit = (await commits).get(name);
  if (!commit) {
    return (
      <>
        <td className={`${cell} text-gray-400`}>—</td>
        <td className={cell} />
      </>
    );
  }
  return (
    <>
      <td className={`${cell} max-w-0 truncate text-gray-600`}>
        <Link href={commitUrl(fullPath, commit.id)} className="text-gray-600 hover:text-brand-700 hover:underline" title={commit.title}>
          {commit.title}
        </Link>
      </td>
      <td className={`${cell} whitespace-nowrap text-right text-gray-500`}>
        <TimeAgo date={commit.committed_date} />
      </td>
    </>
  );
}

function PendingCells() {
  return (
    <>
      <td className={cell} aria-hidden="true">
        <span className="block h-3 w-3/4 animate-pulse rounded bg-gray-100 motion-reduce:animate-none" />
      </td>
      <td className={cell} aria-hidden="true">
        <span className="ml-auto block h-3 w-16 animate-pulse rounded bg-gray-100 motion-reduce:animate-none" />
      </td>
    </>
  );
}

/**
 * A directory's entries as GitLab lists them (directories, then files, then submodules), each with the commit that
 * last changed it and when. The names come first; the commits stream in as one walk of history answers for all of
 * them (`commits`).
 */
export function TreeTable({
  fullPath,
  refName,
  path,
  items,
  commits,
}: {
  fullPath: string;
  refName: string;
  path: string;
  items: TreeItem[];
  commits: Promise<Map<string, Commit>>;
}) {
  const parent = path.includes("/") ? path.slice(0, path.lastIndexOf("/")) : "";
  return (
    <div className="overflow-hidden rounded-lg border border-gray-200 bg-white">
      <table className="w-full table-fixed text-sm">
        <caption className="sr-only">{`Files in ${path || "the repository root"}`}</caption>
        <thead className="border-b border-gray-200 bg-gray-50 text-left text-xs font-semibold text-gray-600">
          <tr>
            <th scope="col" className={`${cell} w-2/5`}>
              Name
            </th>
            <th scope="col" className={cell}>
              Last commit
            </th>
            <th scope="col" className={`${cell} w-36 text-right`}>
              Last update
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-gray-100">
          {path ? (
            <tr className="hover:bg-gray-50">
              <td className={cell} colSpan={3}>
                <Link href={treeUrl(fullPath, refName, parent || undefined)} className="font-mono text-gray-700 hover:underline" aria-label="Up to the parent directory">
                  ..
                </Link>
              </td>
            </tr>
          ) : null}
          {items.map((item) => (
            <tr key={item.path} className="hover:bg-gray-50">
              <td className={`${cell} max-w-0`}>
                <span className="flex min-w-0 items-center gap-2">
                  <EntryIcon type={item.type} mode={item.mode} />
                  {item.type === "commit" ? (
                    <span className="truncate text-gray-900" title={`Submodule ${item.name} at ${item.id}`}>
                      {item.name} <span className="font-mono text-xs text-gray-500">@ {item.id.slice(0, 8)}</span>
                    </span>
                  ) : (
                    <Link href={item.type === "tree" ? treeUrl(fullPath, refName, item.path) : blobUrl(fullPath, refName, item.path)} className="truncate text-gray-900 hover:text-brand-700 hover:underline" title={item.name}>
                      {item.name}
                    </Link>
                  )}
                </span>
              </td>
              <Suspense fallback={<PendingCells />}>
                <LastCommitCells commits={commits} name={item.name} fullPath={fullPath} />
              </Suspense>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
