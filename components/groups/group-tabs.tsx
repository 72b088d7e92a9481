import { NavTabs } from "@/components/ui/nav-tabs";

/** The tabs of a group; each is a URL (`/groups/<path>/-/<key>`, the overview `/groups/<path>`), so it can be shared. */
export type GroupTabKey = "overview" | "labels" | "milestones" | "epics" | "issues" | "merge_requests" | "boards" | "iterations" | "badges" | "members" | "placeholders" | "edit";

export interface GroupTab {
  key: GroupTabKey;
  label: string;
  count?: number;
}

export function GroupTabs({ fullPath, tabs, current }: { fullPath: string; tabs: GroupTab[]; current: GroupTabKey }) {
  return (
    <NavTabs
      label="Group"
      current={current}
      tabs={tabs.map((tab) => ({ ...tab, href: tab.key === "overview" ? `/groups/${fullPath}` : `/groups/${fullPath}/-/${tab.key}` }))}
    />
  );
}
