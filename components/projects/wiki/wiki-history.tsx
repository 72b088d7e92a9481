import Link from "next/link";
import { TimeAgo } from "@/components/ui/time-ago";
import { HISTORY_PER_PAGE, wikiPageUrl, type WikiHistoryPage } from "@/lib/wikis";

/**
 * A page's versions, as GitLab's wiki history: Version (`v<n>`, counted from the first, linking to the page as that
 * commit left it), Author, the commit's message, and when it was written.
 */
export function WikiHistory({ fullPath, slug, history, page }: { fullPath: string; slug: string; history: WikiHistoryPage; page: number }) {
  const offset = (page - 1) * HISTORY_PER_PAGE;
  return (
    <section aria-labelledby="wiki-versions-title" className="overflow-hidden rounded-lg border border-gray-200 bg-white">
      <h2 id="wiki-versions-title" className="flex items-center gap-2 border-b border-gray-200 bg-gray-50 px-4 py-2 text-sm font-semibold text-gray-900">
        Versions <span className="rounded-full bg-gray-200 px-2 text-xs font-medium text-gray-700">{history.total}</span>
      </h2>
      {history.commits.length === 0 ? (
        <p className="px-4 py-6 text-center text-sm text-gray-600">No versions on this page of the history.</p>
      ) : (
        <table className="w-full text-left text-sm">
          <thead className="text-xs text-gray-600">
            <tr className="border-b border-gray-200">
              <th scope="col" className="px-4 py-2 font-semibold">
                Version
              </th>
              <th scope="col" className="px-4 py-2 font-semibold">
                Author
              </th>
              <th scope="col" className="px-4 py-2 font-semibold">
                Message
              </th>
              <th scope="col" className="px-4 py-2 font-semibold">
                Last updated
              </th>
            </tr>
          </thead>
          <tbody className="divide-y divide-gray-100">
            {history.commits.map((commit, index) => (
              <tr key={commit.id}>
                <td className="px-4 py-2 whitespace-nowrap">
                  <Link href={wikiPageUrl(fullPath, slug, commit.id)} className="font-medium text-brand-700 hover:underline" title={commit.id}>
                    {`v${history.total - offset - index}`}
                  </Link>{" "}
                  <span className="font-mono text-xs text-gray-500">{commit.short_id}</span>
                </td>
                <td className="px-4 py-2 text-gray-800" title={commit.author_email}>
                  {commit.author_name}
                </td>
                <td className="max-w-md truncate px-4 py-2 text-gray-700" title={commit.message}>
                  {commit.title}
                </td>
                <td className="px-4 py-2 whitespace-nowrap text-gray-600">
                  <TimeAgo date={commit.authored_date} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
