import Link from "next/link";

export interface NavTab {
  key: string;
  label: string;
  href: string;
  count?: number | string;
}

/**
 * GitLab-style tabs under a page header; each is a URL, so it can be shared. They wrap onto a second line rather
 * than scroll: a project has more entries than a row holds, and a tab hidden off the edge is a page nobody finds.
 */
export function NavTabs({ label, tabs, current }: { label: string; tabs: NavTab[]; current: string }) {
  return (
    <nav aria-label={label} className="mb-6 border-b border-gray-200">
      <ul className="-mb-px flex flex-wrap gap-x-1">
        {tabs.map((tab) => {
          const active = tab.key === current;
          return (
            <li key={tab.key}>
              <Link
                href={tab.href}
                aria-current={active ? "page" : undefined}
                className={`inline-flex items-center gap-2 whitespace-nowrap border-b-2 px-3 py-2 text-sm font-medium ${active ? "border-brand-600 text-gray-900" : "border-transparent text-gray-600 hover:border-gray-300 hover:text-gray-900"}`}
              >
                {tab.label}
                {tab.count !== undefined ? <span className="rounded-full bg-gray-100 px-2 text-xs text-gray-600">{tab.count}</span> : null}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
