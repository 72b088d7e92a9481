import Link from "next/link";
import { When } from "@/components/content/when";
import { commitUrl, mergeRequestUrl } from "@/components/projects/project-urls";
import { Pagination } from "@/components/ui/pagination";
import { pageOf } from "@/app/(app)/route-params";
import { findMergeRequestDiff, listMergeRequestCommits, type MergeRequestRow } from "@/lib/merge-requests";
import type { ProjectWithAccess } from "@/lib/projects";
import { EmptyState } from "@/components/ui/empty-state";

const PER_PAGE = 50;

/** The Commits tab: the merge request's diff commits, newest first, as its stored diff lists them. */
export async function MergeRequestCommitsTab({ project, mr, page: pageParam }: { project: ProjectWithAccess; mr: MergeRequestRow; page?: string }) {
  const page = pageOf(pageParam);
  const diff = await findMergeRequestDiff(mr.id);
  const { rows, total } = diff ? await listMergeRequestCommits(diff.id, { page, perPage: PER_PAGE }) : { rows: [], total: 0 };
  if (total === 0) return <EmptyState>No commits belong to this merge request.</EmptyState>;
  return (
    <section aria-label="Commits">
      <ul className="divide-y divide-gray-100 rounded-lg border border-gray-200 bg-white" aria-label="Merge request commits">
        {rows.map((commit) => {
          const title = (commit.message ?? "").split("\n", 1)[0] || "(no message)";
          const when = commit.authoredDate ?? commit.committedDate;
          return (
            <li key={commit.relativeOrder} className="flex items-start justify-between gap-4 px-4 py-3">
              <div className="min-w-0">
                <p className="font-medium break-words text-gray-900">{title}</p>
                <p className="text-xs text-gray-500">
                  <span className="font-medium text-gray-700">{commit.authorName ?? "Unknown"}</span>
                  {when ? (
                    <>
                      {" authored "}
                      <When date={when} />
                    </>
                  ) : null}
                </p>
              </div>
              <Link href={commitUrl(project.fullPath, commit.sha)} className="shrink-0 font-mono text-xs" title={commit.sha}>
                {commit.sha.slice(0, 8)}
              </Link>
            </li>
          );
        })}
      </ul>
      <Pagination page={page} totalPages={Math.ceil(total / PER_PAGE)} hrefFor={(p) => `${mergeRequestUrl(project.fullPath, mr.iid, "commits")}?page=${p}`} label="Commits pagination" />
    </section>
  );
}
