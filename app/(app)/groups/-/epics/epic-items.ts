import { cache } from "react";
import { findEpic, type EpicRow, type GroupWithAccess } from "@/lib/groups";

/** An epic of the group by iid, if the user may see it: once a request, for the layout's 404 and the page. */
export const epicOf = cache(findEpic);

export const epicPath = (epic: Pick<EpicRow, "iid" | "group">) => `/groups/${epic.group.fullPath}/-/epics/${epic.iid}`;

/** `&3` in the group itself, `sub/deeper&3` below it (GitLab's reference relative to the page's group). */
export function referenceFrom(group: GroupWithAccess, epic: Pick<EpicRow, "iid" | "group">): string {
  if (epic.group.id === group.id) return `&${epic.iid}`;
  const prefix = `${group.fullPath}/`;
  return `${epic.group.fullPath.startsWith(prefix) ? epic.group.fullPath.slice(prefix.length) : epic.group.fullPath}&${epic.iid}`;
}

