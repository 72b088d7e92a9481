import Link from "next/link";
import { CopyButton } from "@/components/ui/copy-button";
import { TimeAgo } from "@/components/ui/time-ago";
import type { Commit } from "@/lib/repositories";
import { commitUrl } from "../project-urls";

/** The commit that last changed a directory or file, above its listing or content (streamed in). */
export async function LastCommitBox({ commit, fullPath }: { commit: Promise<Commit | null>; fullPath: string }) {
  const last = await commit;
  if (!last) return null;
  return (
    <div className="mb-4 flex flex-wrap items-center justify-between gap-3 rounded-lg border border-gray-200 bg-white px-4 py-3">
      <div className="min-w-0">
        <Link href={commitUrl(fullPath, last.id)} className="block truncate text-sm font-semibold text-gray-900 hover:text-brand-700 hover:underline" title={last.title}>
          {last.title}
        </Link>
        <p className="mt-0.5 text-xs text-gray-600">
          <span className="font-medium text-gray-800">{last.author_name}</span> authored <TimeAgo date={last.authored_date} />
        </p>
      </div>
      <div className="flex items-center gap-1">
        <Link href={commitUrl(fullPath, last.id)} className="rounded-md px-2 py-1 font-mono text-xs text-gray-700 ring-1 ring-inset ring-gray-300 hover:bg-gray-50">
          {last.short_id}
        </Link>
        <CopyButton value={last.id} label="Copy commit SHA" />
      </div>
    </div>
  );
}

/** Where the last commit will be while it loads. */
export function LastCommitPlaceholder() {
  return (
    <div aria-hidden="true" className="mb-4 h-[62px] animate-pulse rounded-lg border border-gray-200 bg-white px-4 py-3 motion-reduce:animate-none">
      <div className="h-4 w-1/2 rounded bg-gray-100" />
      <div className="mt-2 h-3 w-1/4 rounded bg-gray-100" />
    </div>
  );
}
