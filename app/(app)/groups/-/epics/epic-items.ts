import { cache } from "react";
import type { EpicLabelItem } from "@/components/groups/tabs/epic-labels";
import type { PersonItem } from "@/components/content/person";
import { labelTextColor, type Label } from "@/lib/content";
import { findEpic, type EpicRow, type GroupWithAccess, type UserSummary } from "@/lib/groups";
import { listPlaceholderIdentities, type PlaceholderIdentity } from "@/lib/users";

/** An epic of the group by iid, if the user may see it: once a request, for the layout's 404 and the page. */
export const epicOf = cache(findEpic);

export const epicPath = (epic: Pick<EpicRow, "iid" | "group">) => `/groups/${epic.group.fullPath}/-/epics/${epic.iid}`;

/** `&3` in the group itself, `sub/deeper&3` below it (GitLab's reference relative to the page's group). */
export function referenceFrom(group: GroupWithAccess, epic: Pick<EpicRow, "iid" | "group">): string {
  if (epic.group.id === group.id) return `&${epic.iid}`;
  const prefix = `${group.fullPath}/`;
  return `${epic.group.fullPath.startsWith(prefix) ? epic.group.fullPath.slice(prefix.length) : epic.group.fullPath}&${epic.iid}`;
}

export const labelItems = (labels: Label[]): EpicLabelItem[] => labels.map((l) => ({ id: l.id, title: l.title, color: l.color, textColor: labelTextColor(l), description: l.description }));

/** Turns users into what the UI shows, marking the placeholders of imported users (one query for all of them). */
export async function peopleResolver(users: (UserSummary | null)[]): Promise<(user: UserSummary | null) => PersonItem | null> {
  const placeholders: Map<number, PlaceholderIdentity> = await listPlaceholderIdentities([
    ...new Set(users.filter((u): u is UserSummary => u !== null && u.userType === "placeholder").map((u) => u.id)),
  ]);
  return (user) => (user ? { name: user.name, username: user.username, placeholder: placeholders.get(user.id) } : null);
}
