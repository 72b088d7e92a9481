import Link from "next/link";
import { CopyButton } from "@/components/ui/copy-button";
import { TimeAgo } from "@/components/ui/time-ago";
import type { Commit } from "@/lib/repositories";
import { commitUrl, treeUrl } from "../project-urls";

const dayFormat = new Intl.DateTimeFormat("en-US", { month: "short", day: "2-digit", year: "numeric", timeZone: "UTC" });

/** Commits in order, under a heading per day of their commit date (UTC), as GitLab's commit list. */
function byDay(commits: Commit[]): { day: string; key: string; commits: Commit[] }[] {
  const days: { day: string; key: string; commits: Commit[] }[] = [];
  for (const commit of commits) {
    const date = new Date(commit.committed_date);
    const key = Number.isNaN(date.getTime()) ? "unknown" : date.toISOString().slice(0, 10);
    const last = days.at(-1);
    if (last?.key === key) last.commits.push(commit);
    else days.push({ key, day: key === "unknown" ? "Unknown date" : dayFormat.format(date), commits: [commit] });
  }
  return days;
}

/** A page of history: each commit's title, author, when, short id (with copy) and a link to browse its files. */
export function CommitList({ commits, fullPath }: { commits: Commit[]; fullPath: string }) {
  return (
    <div className="space-y-5">
      {byDay(commits).map(({ day, key, commits: ofDay }) => (
        <section key={key} aria-labelledby={`day-${key}`}>
          <h2 id={`day-${key}`} className="mb-2 text-sm font-semibold text-gray-700">
            {day} <span className="font-normal text-gray-500">{`· ${ofDay.length} ${ofDay.length === 1 ? "commit" : "commits"}`}</span>
          </h2>
          <ul className="divide-y divide-gray-100 rounded-lg border border-gray-200 bg-white">
            {ofDay.map((commit) => (
              <li key={commit.id} className="flex flex-wrap items-center justify-between gap-3 px-4 py-3">
                <div className="min-w-0 flex-1">
                  <Link href={commitUrl(fullPath, commit.id)} className="block truncate text-sm font-semibold text-gray-900 hover:text-brand-700 hover:underline" title={commit.title}>
                    {commit.title}
                  </Link>
                  <p className="mt-0.5 text-xs text-gray-600">
                    <span className="font-medium text-gray-800" title={commit.author_email}>
                      {commit.author_name}
                    </span>{" "}
                    authored <TimeAgo date={commit.authored_date} />
                    {commit.committer_name !== commit.author_name ? (
                      <>
                        {" · "}
                        <span className="font-medium text-gray-800">{commit.committer_name}</span> committed <TimeAgo date={commit.committed_date} />
                      </>
                    ) : null}
                  </p>
                </div>
                <div className="flex shrink-0 items-center gap-1">
                  <Link href={commitUrl(fullPath, commit.id)} className="rounded-md px-2 py-1 font-mono text-xs text-gray-700 ring-1 ring-inset ring-gray-300 hover:bg-gray-50" aria-label={`Commit ${commit.short_id}`}>
                    {commit.short_id}
                  </Link>
                  <CopyButton value={commit.id} label="Copy commit SHA" />
                  <Link href={treeUrl(fullPath, commit.id)} title="Browse files at this commit" aria-label={`Browse files at ${commit.short_id}`} className="inline-flex h-7 w-7 items-center justify-center rounded-md text-gray-600 ring-1 ring-inset ring-gray-300 hover:bg-gray-50">
                    <svg viewBox="0 0 16 16" className="h-3.5 w-3.5" fill="none" stroke="currentColor" strokeWidth="1.5" aria-hidden="true">
                      <path d="M1.75 3.5a1 1 0 0 1 1-1h3.3l1.5 1.5h5.7a1 1 0 0 1 1 1v7.25a1 1 0 0 1-1 1H2.75a1 1 0 0 1-1-1z" strokeLinejoin="round" />
                    </svg>
                  </Link>
                </div>
              </li>
            ))}
          </ul>
        </section>
      ))}
    </div>
  );
}
