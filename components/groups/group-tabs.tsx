import Link from "next/link";

/** The tabs of a group; each is a URL (`/groups/<path>/-/<key>`, the overview `/groups/<path>`), so it can be shared. */
export type GroupTabKey = "overview" | "labels" | "milestones" | "epics" | "boards" | "iterations" | "badges" | "members" | "placeholders";

export interface GroupTab {
  key: GroupTabKey;
  label: string;
  count?: number;
}

/** GitLab-style tabs under the group header. */
export function GroupTabs({ fullPath, tabs, current }: { fullPath: string; tabs: GroupTab[]; current: GroupTabKey }) {
  return (
    <nav aria-label="Group" className="mb-6 border-b border-gray-200">
      <ul className="-mb-px flex gap-1">
        {tabs.map((tab) => {
          const active = tab.key === current;
          return (
            <li key={tab.key}>
              <Link
                href={tab.key === "overview" ? `/groups/${fullPath}` : `/groups/${fullPath}/-/${tab.key}`}
                aria-current={active ? "page" : undefined}
                className={`inline-flex items-center gap-2 border-b-2 px-3 py-2 text-sm font-medium ${active ? "border-brand-600 text-gray-900" : "border-transparent text-gray-600 hover:border-gray-300 hover:text-gray-900"}`}
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
