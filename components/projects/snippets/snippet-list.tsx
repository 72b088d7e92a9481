import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { TimeAgo } from "@/components/ui/time-ago";
import { snippetUrl } from "./snippet-urls";

export interface SnippetListItem {
  id: number;
  title: string;
  author: { name: string; username: string } | null;
  filesCount: number;
  visibility: string;
  createdAt: Date;
  updatedAt: Date;
  notesCount: number;
}

/** A project's snippets as GitLab lists them: title, reference and author, files, comments, visibility and dates. */
export function SnippetList({ fullPath, rows }: { fullPath: string; rows: SnippetListItem[] }) {
  return (
    <ul aria-label="Snippets" className="divide-y divide-gray-200 rounded-lg border border-gray-200 bg-white">
      {rows.map((snippet) => (
        <li key={snippet.id} className="flex flex-wrap items-start justify-between gap-3 px-4 py-3">
          <div className="min-w-0 space-y-1">
            <Link href={snippetUrl(fullPath, snippet.id)} className="font-medium text-gray-900 hover:text-blue-700 hover:underline">
              {snippet.title}
            </Link>
            <p className="text-xs text-gray-600">
              <span className="font-mono">${snippet.id}</span> · created <TimeAgo date={snippet.createdAt} /> by {snippet.author?.name ?? "Ghost User"}
            </p>
          </div>
          <div className="flex flex-wrap items-center gap-3 text-xs text-gray-600">
            <span aria-label={`${snippet.filesCount} ${snippet.filesCount === 1 ? "file" : "files"}`}>
              {snippet.filesCount} {snippet.filesCount === 1 ? "file" : "files"}
            </span>
            <span>
              {snippet.notesCount} {snippet.notesCount === 1 ? "comment" : "comments"}
            </span>
            <Badge>{snippet.visibility}</Badge>
            <span>
              updated <TimeAgo date={snippet.updatedAt} />
            </span>
          </div>
        </li>
      ))}
    </ul>
  );
}
