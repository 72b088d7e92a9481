import Link from "next/link";
import { TimeAgo } from "@/components/ui/time-ago";
import { humanTitle, wikiPageUrl, type WikiPageEntry } from "@/lib/wikis";
import type { Commit } from "@/lib/repositories";
import { wikiTree, type WikiDirectory } from "./wiki-tree";

function PageRows({ directory, fullPath, changes, depth }: { directory: WikiDirectory; fullPath: string; changes: Map<string, Commit>; depth: number }) {
  return (
    <>
      {directory.pages.map((page) => {
        const last = changes.get(page.path);
        return (
          <li key={page.path} className="flex flex-wrap items-center justify-between gap-2 py-2 pr-4" style={{ paddingLeft: `${1 + depth * 1.25}rem` }}>
            <div className="min-w-0">
              <Link href={wikiPageUrl(fullPath, page.slug)} className="font-medium text-gray-900 hover:text-brand-700 hover:underline">
                {humanTitle(page, null)}
              </Link>
              <span className="ml-2 font-mono text-xs text-gray-500">{page.slug}</span>
              {page.format !== "markdown" ? <span className="ml-2 rounded bg-gray-100 px-1.5 py-0.5 text-xs text-gray-600">{page.format}</span> : null}
            </div>
            {last ? (
              <span className="text-xs text-gray-600">
                Last edited by <span className="font-medium text-gray-800">{last.author_name}</span> <TimeAgo date={last.authored_date} />
              </span>
            ) : null}
          </li>
        );
      })}
      {directory.directories.map((child) => (
        <li key={child.path}>
          <h3 className="flex items-center gap-1.5 bg-gray-50 py-1.5 text-sm font-semibold text-gray-700" style={{ paddingLeft: `${1 + depth * 1.25}rem` }}>
            <svg viewBox="0 0 16 16" className="h-3.5 w-3.5 text-gray-500" fill="none" stroke="currentColor" strokeWidth="1.5" aria-hidden="true">
              <path d="M1.75 3.5a1 1 0 0 1 1-1h3.3l1.5 1.5h5.7a1 1 0 0 1 1 1v7.25a1 1 0 0 1-1 1H2.75a1 1 0 0 1-1-1z" strokeLinejoin="round" />
            </svg>
            {child.name}
          </h3>
          <ul className="divide-y divide-gray-100" aria-label={`Pages in ${child.path}`}>
            <PageRows directory={child} fullPath={fullPath} changes={changes} depth={depth + 1} />
          </ul>
        </li>
      ))}
    </>
  );
}

/** Every page of the wiki by directory (GitLab's "Wiki Pages"): title, slug, format, and who changed it last and when. */
export function WikiPageList({ fullPath, pages, changes }: { fullPath: string; pages: WikiPageEntry[]; changes: Map<string, Commit> }) {
  return (
    <ul aria-label="Wiki pages" className="divide-y divide-gray-100 overflow-hidden rounded-lg border border-gray-200 bg-white text-sm">
      <PageRows directory={wikiTree(pages)} fullPath={fullPath} changes={changes} depth={0} />
    </ul>
  );
}
