import Link from "next/link";
import { humanTitle, wikiPagesUrl, wikiPageUrl, type WikiPageEntry } from "@/lib/wikis";
import { wikiTree, type WikiDirectory } from "./wiki-tree";

/** Pages the sidebar lists before "View all pages" (GitLab's sidebar shows a first part of the wiki too). */
const SIDEBAR_LIMIT = 15;

function Directory({ directory, fullPath, current }: { directory: WikiDirectory; fullPath: string; current?: string }) {
  return (
    <ul className="space-y-0.5">
      {directory.pages.map((page) => (
        <li key={page.path}>
          <Link
            href={wikiPageUrl(fullPath, page.slug)}
            aria-current={page.slug === current ? "page" : undefined}
            className={`block truncate rounded px-2 py-1 text-sm ${page.slug === current ? "bg-gray-200 font-medium text-gray-900" : "text-gray-700 hover:bg-gray-100"}`}
          >
            {humanTitle(page, null)}
          </Link>
        </li>
      ))}
      {directory.directories.map((child) => (
        <li key={child.path}>
          <span className="block truncate px-2 pt-1.5 pb-0.5 text-xs font-semibold text-gray-500">{child.name}</span>
          <div className="border-l border-gray-200 pl-2">
            <Directory directory={child} fullPath={fullPath} current={current} />
          </div>
        </li>
      ))}
    </ul>
  );
}

/** GitLab's wiki sidebar: "Wiki Pages", the first pages by directory, and a link to them all. */
export function WikiSidebar({ fullPath, pages, current }: { fullPath: string; pages: WikiPageEntry[]; current?: string }) {
  const shown = pages.slice(0, SIDEBAR_LIMIT);
  return (
    <aside aria-label="Wiki" className="w-full shrink-0 rounded-lg border border-gray-200 bg-white p-3 lg:w-64">
      <h2 className="mb-2 px-2 text-sm font-semibold text-gray-900">Wiki Pages</h2>
      {shown.length === 0 ? <p className="px-2 text-sm text-gray-600">No pages yet.</p> : <Directory directory={wikiTree(shown)} fullPath={fullPath} current={current} />}
      <Link href={wikiPagesUrl(fullPath)} className="mt-3 block px-2 text-sm font-medium text-brand-700 hover:underline">
        {`View all pages${pages.length > SIDEBAR_LIMIT ? ` (${pages.length})` : ""}`}
      </Link>
    </aside>
  );
}
