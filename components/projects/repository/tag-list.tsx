import Link from "next/link";
import { TimeAgo } from "@/components/ui/time-ago";
import type { Tag } from "@/lib/repositories";
import { commitUrl, treeUrl } from "../project-urls";
import { ArchiveMenu } from "./archive-menu";

/** A page of tags: name, an annotated tag's message, the tagged commit, and its source code downloads. */
export function TagList({ tags, fullPath }: { tags: Tag[]; fullPath: string }) {
  return (
    <ul className="divide-y divide-gray-100 rounded-lg border border-gray-200 bg-white">
      {tags.map((tag) => (
        <li key={tag.name} className="flex flex-wrap items-start justify-between gap-4 px-4 py-3">
          <div className="min-w-0 flex-1">
            <Link href={treeUrl(fullPath, tag.name)} className="inline-flex items-center gap-1.5 font-mono text-sm font-semibold break-all text-gray-900 hover:text-brand-700 hover:underline">
              <svg viewBox="0 0 16 16" className="h-4 w-4 shrink-0 text-gray-500" fill="none" stroke="currentColor" strokeWidth="1.5" aria-hidden="true">
                <path d="M2 2.75v4.5l6.5 6.5 5.25-5.25L7.25 2H2.75a.75.75 0 0 0-.75.75z" strokeLinejoin="round" />
                <circle cx="5" cy="5" r="1" fill="currentColor" />
              </svg>
              {tag.name}
            </Link>
            {tag.commit ? (
              <p className="mt-1 truncate text-xs text-gray-600">
                <Link href={commitUrl(fullPath, tag.commit.id)} className="font-mono">
                  {tag.commit.short_id}
                </Link>
                {" · "}
                <Link href={commitUrl(fullPath, tag.commit.id)} className="text-gray-700 hover:underline" title={tag.commit.title}>
                  {tag.commit.title}
                </Link>
                {" · "}
                <TimeAgo date={tag.created_at ?? tag.commit.committed_date} />
              </p>
            ) : (
              <p className="mt-1 text-xs text-gray-500">Tags an object that is not a commit.</p>
            )}
            {tag.message ? <p className="mt-1.5 text-sm whitespace-pre-line text-gray-700">{tag.message}</p> : null}
          </div>
          {tag.commit ? <ArchiveMenu fullPath={fullPath} refName={tag.name} /> : null}
        </li>
      ))}
    </ul>
  );
}
